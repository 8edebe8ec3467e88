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
public final class PocketsphinxTranscriber extends LocalProvider implements Transcriber {
  // The only model Debian ships.
  private static final Set<String> LANGUAGES = Set.of("en", "en-us");

  private static final String MISSING = "the pocketsphinx_continuous program is not installed";

  /** Runs {@code pocketsphinx} (empty when not installed), each run bounded by {@code timeout}. */
  public PocketsphinxTranscriber(Optional<Path> pocketsphinx, Duration timeout) {
    super("pocketsphinx", new LocalTool("pocketsphinx", pocketsphinx, MISSING, timeout));
  }

  @Override
  public boolean supports(String language) {
    return LANGUAGES.contains(language);
  }

  @Override
  public String transcribe(Recording audio, String language) throws SpeechFailure {
    if (!tool.available()) {
      throw new SpeechFailure(MISSING);
    }
    // An MP3 is decoded (by lame) before any temp file exists.
    Wav pcm = audio.pcm();
    return tool.inScratch(
        "maiis-stt-",
        dir -> {
          Path in = dir.resolve("in.wav");
          Files.write(in, pcm.resample(Wav.SPEECH_RATE).bytes());
          ProcessRunner.Result r =
              tool.run(List.of("-infile", in.toString(), "-logfn", "/dev/null"), null, "");
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
