package org.maiis.server.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maiis.process.ProcessRunner;

/** Text to speech with the Debian {@code espeak-ng} program: 22.05 kHz mono WAV. */
public final class EspeakSynthesizer implements Synthesizer {
  /** espeak-ng's default rate, which speed 1 stands for. */
  static final int NORMAL_WPM = 175;

  private final Optional<Path> espeak;
  private final ProcessRunner runner;

  /** Runs {@code espeak} (empty when not installed), each run bounded by {@code timeout}. */
  public EspeakSynthesizer(Optional<Path> espeak, Duration timeout) {
    this.espeak = espeak;
    this.runner = new ProcessRunner(timeout);
  }

  @Override
  public String name() {
    return "espeak";
  }

  @Override
  public Optional<String> unavailableReason() {
    return espeak.isPresent()
        ? Optional.empty()
        : Optional.of("the espeak-ng program is not installed");
  }

  @Override
  public Wav synthesize(String text, String voice, double speed) throws SpeechFailure {
    if (espeak.isEmpty()) {
      throw new SpeechFailure("the espeak-ng program is not installed");
    }
    Path out = null;
    try {
      out = Files.createTempFile("maiis-tts-", ".wav");
      int wpm = (int) Math.round(NORMAL_WPM * speed);
      // The text goes on stdin: never parsed as options, and no argument-length limit.
      ProcessRunner.Result r =
          runner.run(
              List.of(
                  espeak.get().toString(),
                  "-w",
                  out.toString(),
                  "-s",
                  Integer.toString(wpm),
                  "-v",
                  voice,
                  "--stdin"),
              null,
              Map.of(),
              text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (r.timedOut()) {
        throw new SpeechFailure("espeak-ng took longer than its timeout");
      }
      if (!r.ok()) {
        if (r.stderr().contains("voice does not exist")) {
          throw new SpeechFailure("espeak-ng has no voice " + voice, true);
        }
        throw new SpeechFailure("espeak-ng exited with status " + r.exitCode());
      }
      return Wav.parse(Files.readAllBytes(out))
          .orElseThrow(() -> new SpeechFailure("espeak-ng wrote no PCM WAV"));
    } catch (IOException e) {
      throw new SpeechFailure("espeak-ng could not be run");
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // A leftover temp file is harmless; the answer is already decided.
        }
      }
    }
  }
}
