package org.maiis.server.voice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  private static final String MISSING = "the pocketsphinx_continuous program is not installed";

  private final LocalTool pocketsphinx;

  /** Runs {@code pocketsphinx} (empty when not installed), each run bounded by {@code timeout}. */
  public PocketsphinxTranscriber(Optional<Path> pocketsphinx, Duration timeout) {
    this.pocketsphinx = new LocalTool("pocketsphinx", pocketsphinx, MISSING, timeout);
  }

  @Override
  public String name() {
    return "pocketsphinx";
  }

  @Override
  public Optional<String> unavailableReason() {
    return pocketsphinx.unavailableReason();
  }

  @Override
  public boolean supports(String language) {
    return LANGUAGES.contains(language);
  }

  @Override
  public String transcribe(Recording audio, String language) throws SpeechFailure {
    if (!pocketsphinx.available()) {
      throw new SpeechFailure(MISSING);
    }
    // An MP3 is decoded (by lame) before any temp file exists.
    Wav pcm = audio.pcm();
    return pocketsphinx.inScratch(
        "maiis-stt-",
        dir -> {
          Path in = dir.resolve("in.wav");
          Files.write(in, pcm.resample(Wav.SPEECH_RATE).bytes());
          ProcessRunner.Result r =
              pocketsphinx.run(List.of("-infile", in.toString(), "-logfn", "/dev/null"), null, "");
          if (!r.ok()) {
            throw new SpeechFailure("pocketsphinx exited with status " + r.exitCode());
          }
          // One line per utterance it detected.
          return r.stdout()
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .collect(Collectors.joining(" "));
        });
  }
}
