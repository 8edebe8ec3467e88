package org.maiis.server.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.maiis.process.ProcessRunner;

/**
 * Offline speech to text with Debian's {@code pocketsphinx_continuous} and the US English model of
 * {@code pocketsphinx-en-us}. Audio (an MP3 decoded by lame first) is mixed to mono and resampled
 * to 16 kHz: the model's rate.
 */
public final class PocketsphinxTranscriber implements Transcriber {
  // The only model Debian ships.
  private static final Set<String> LANGUAGES = Set.of("en", "en-us");

  private final Optional<Path> pocketsphinx;
  private final ProcessRunner runner;

  /** Runs {@code pocketsphinx} (empty when not installed), each run bounded by {@code timeout}. */
  public PocketsphinxTranscriber(Optional<Path> pocketsphinx, Duration timeout) {
    this.pocketsphinx = pocketsphinx;
    this.runner = new ProcessRunner(timeout);
  }

  @Override
  public String name() {
    return "pocketsphinx";
  }

  @Override
  public Optional<String> unavailableReason() {
    return pocketsphinx.isPresent()
        ? Optional.empty()
        : Optional.of("the pocketsphinx_continuous program is not installed");
  }

  @Override
  public boolean supports(String language) {
    return LANGUAGES.contains(language);
  }

  @Override
  public String transcribe(Recording audio, String language) throws SpeechFailure {
    if (pocketsphinx.isEmpty()) {
      throw new SpeechFailure("the pocketsphinx_continuous program is not installed");
    }
    // An MP3 is decoded (by lame) before any temp file exists.
    Wav pcm = audio.pcm();
    Path in = null;
    try {
      in = Files.createTempFile("maiis-stt-", ".wav");
      Files.write(in, pcm.resample(Wav.SPEECH_RATE).bytes());
      ProcessRunner.Result r =
          runner.run(
              List.of(
                  pocketsphinx.get().toString(), "-infile", in.toString(), "-logfn", "/dev/null"),
              null,
              Map.of(),
              null);
      if (r.timedOut()) {
        throw new SpeechFailure("pocketsphinx took longer than its timeout");
      }
      if (!r.ok()) {
        throw new SpeechFailure("pocketsphinx exited with status " + r.exitCode());
      }
      // One line per utterance it detected.
      return r.stdout()
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .collect(Collectors.joining(" "));
    } catch (IOException e) {
      throw new SpeechFailure("pocketsphinx could not be run");
    } finally {
      if (in != null) {
        try {
          Files.deleteIfExists(in);
        } catch (IOException ignored) {
          // A leftover temp file is harmless; the answer is already decided.
        }
      }
    }
  }
}
