package org.maiis.server.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maiis.process.ProcessRunner;

/**
 * WAV to MP3 with the Debian {@code lame} program: mono, 64 kbit/s, which keeps speech clear at a
 * fifth of the WAV's size.
 */
public final class Mp3Encoder {
  /** Why MP3 cannot be produced here, for the 503 a client gets. */
  public static final String MISSING =
      "MP3 needs the lame program (Debian package lame), which is not installed; ask for wav";

  private final Optional<Path> lame;
  private final ProcessRunner runner;

  /** Runs {@code lame} (empty when not installed), each run bounded by {@code timeout}. */
  public Mp3Encoder(Optional<Path> lame, Duration timeout) {
    this.lame = lame;
    this.runner = new ProcessRunner(timeout);
  }

  /** Whether MP3 can be produced. */
  public boolean available() {
    return lame.isPresent();
  }

  /** {@code audio} as MP3. */
  public byte[] encode(Wav audio) throws SpeechFailure {
    if (lame.isEmpty()) {
      throw new SpeechFailure(MISSING);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("maiis-mp3-");
      Path in = dir.resolve("in.wav");
      Path out = dir.resolve("out.mp3");
      Files.write(in, audio.bytes());
      ProcessRunner.Result r =
          runner.run(
              List.of(
                  lame.get().toString(),
                  "--quiet",
                  "-m",
                  "m",
                  "-b",
                  "64",
                  in.toString(),
                  out.toString()),
              null,
              Map.of(),
              null);
      if (r.timedOut()) {
        throw new SpeechFailure("lame took longer than its timeout");
      }
      if (!r.ok() || !Files.isRegularFile(out)) {
        throw new SpeechFailure("lame exited with status " + r.exitCode());
      }
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new SpeechFailure("lame could not be run");
    } finally {
      if (dir != null) {
        for (String f : List.of("in.wav", "out.mp3", "")) {
          try {
            Files.deleteIfExists(f.isEmpty() ? dir : dir.resolve(f));
          } catch (IOException ignored) {
            // A leftover temp file is harmless; the answer is already decided.
          }
        }
      }
    }
  }
}
