package org.maiis.server.voice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.maiis.process.ProcessRunner;

/** Text to speech with the Debian {@code espeak-ng} program: 22.05 kHz mono WAV. */
public final class EspeakSynthesizer extends LocalProvider implements Synthesizer {
  /** espeak-ng's default rate, which speed 1 stands for. */
  static final int NORMAL_WPM = 175;

  /** Runs {@code espeak} (empty when not installed), each run bounded by {@code timeout}. */
  public EspeakSynthesizer(Optional<Path> espeak, Duration timeout) {
    super(
        "espeak",
        new LocalTool("espeak-ng", espeak, "the espeak-ng program is not installed", timeout));
  }

  @Override
  public Wav synthesize(String text, String voice, double speed) throws SpeechFailure {
    return tool.inScratch(
        "maiis-tts-",
        dir -> {
          Path out = dir.resolve("out.wav");
          int wpm = (int) Math.round(NORMAL_WPM * speed);
          // The text goes on stdin: never parsed as options, and no argument-length limit.
          ProcessRunner.Result r =
              tool.run(
                  List.of(
                      "-w", out.toString(), "-s", Integer.toString(wpm), "-v", voice, "--stdin"),
                  text.getBytes(StandardCharsets.UTF_8),
                  "");
          if (!r.ok()) {
            if (r.stderr().contains("voice does not exist")) {
              throw new SpeechFailure("espeak-ng has no voice " + voice, true);
            }
            throw new SpeechFailure("espeak-ng exited with status " + r.exitCode());
          }
          return Wav.parse(Files.readAllBytes(out))
              .orElseThrow(() -> new SpeechFailure("espeak-ng wrote no PCM WAV"));
        });
  }
}
