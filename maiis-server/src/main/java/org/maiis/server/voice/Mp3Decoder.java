package org.maiis.server.voice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.maiis.process.ProcessRunner;

/**
 * MP3 to 16-bit PCM with the Debian {@code lame} program ({@code lame --decode}), for the providers
 * that need samples (pocketsphinx). Only the frames {@link AudioInfo} walked are handed to lame, so
 * the decoded file is never larger than those frames' {@link AudioInfo.Mp3Frames#pcmBytes()}.
 */
public final class Mp3Decoder {
  /** Why MP3 input cannot be decoded here, for the 503 a client gets. */
  public static final String MISSING =
      "MP3 input needs the lame program (Debian package lame) to be decoded, which is not"
          + " installed; send PCM 16-bit WAV";

  private final LocalTool lame;

  /** Runs {@code lame} (empty when not installed), each run bounded by {@code timeout}. */
  public Mp3Decoder(Optional<Path> lame, Duration timeout) {
    this.lame = new LocalTool("lame", lame, MISSING, timeout);
  }

  /** Whether MP3 can be decoded. */
  public boolean available() {
    return lame.available();
  }

  /** The samples of the {@code frames} of {@code mp3}. */
  Wav decode(byte[] mp3, AudioInfo.Mp3Frames frames) throws SpeechFailure {
    return lame.inScratch(
        "maiis-mp3-",
        dir -> {
          // lame reads MPEG audio by the .mp3 name; the ID3 tag and any trailing bytes stay out.
          Path in = dir.resolve("in.mp3");
          Path out = dir.resolve("out.wav");
          Files.write(in, Arrays.copyOfRange(mp3, frames.start(), frames.end()));
          ProcessRunner.Result r =
              lame.run(
                  List.of("--quiet", "--decode", in.toString(), out.toString()),
                  null,
                  " to decode the MP3");
          if (!r.ok() || !Files.isRegularFile(out)) {
            throw new SpeechFailure("lame could not decode the MP3 (status " + r.exitCode() + ")");
          }
          // The header plus the frames' samples: anything more is not what was walked.
          if (Files.size(out) > frames.pcmBytes() + 1024) {
            throw new SpeechFailure("lame decoded more audio than the MP3's frames hold");
          }
          return Wav.parse(Files.readAllBytes(out))
              .filter(w -> w.samples().length > 0)
              .orElseThrow(() -> new SpeechFailure("lame decoded the MP3 to no samples"));
        });
  }
}
