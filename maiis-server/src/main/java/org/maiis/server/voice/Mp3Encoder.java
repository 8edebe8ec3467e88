package org.maiis.server.voice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  private final LocalTool lame;

  /** Runs {@code lame} (empty when not installed), each run bounded by {@code timeout}. */
  public Mp3Encoder(Optional<Path> lame, Duration timeout) {
    this.lame = new LocalTool("lame", lame, MISSING, timeout);
  }

  /** Whether MP3 can be produced. */
  public boolean available() {
    return lame.available();
  }

  /** {@code audio} as MP3. */
  public byte[] encode(Wav audio) throws SpeechFailure {
    return lame.inScratch(
        "maiis-mp3-",
        dir -> {
          Path in = dir.resolve("in.wav");
          Path out = dir.resolve("out.mp3");
          Files.write(in, audio.bytes());
          ProcessRunner.Result r =
              lame.run(
                  List.of("--quiet", "-m", "m", "-b", "64", in.toString(), out.toString()),
                  null,
                  "");
          if (!r.ok() || !Files.isRegularFile(out)) {
            throw new SpeechFailure("lame exited with status " + r.exitCode());
          }
          return Files.readAllBytes(out);
        });
  }
}
