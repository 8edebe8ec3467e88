package org.maiis.server.voice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;

/** Real MP3 files for tests, encoded by the real lame (the test skips without it). */
public final class Mp3s {
  private Mp3s() {}

  /** {@code wav} encoded by {@code lame} with {@code options} (e.g. -b 32, --resample 44.1). */
  public static byte[] encode(byte[] wav, String... options) throws IOException {
    Path lame = ExternalTools.SYSTEM.require("lame", "lame");
    Path dir = Files.createTempDirectory("maiis-test-mp3-");
    try {
      Path in = Files.write(dir.resolve("in.wav"), wav);
      Path out = dir.resolve("out.mp3");
      List<String> cmd = new ArrayList<>(List.of(lame.toString(), "--quiet"));
      cmd.addAll(List.of(options));
      cmd.addAll(List.of(in.toString(), out.toString()));
      ProcessRunner.Result r =
          new ProcessRunner(Duration.ofSeconds(60)).run(cmd, null, Map.of(), null);
      assertTrue(r.ok(), "lame failed: " + r.stderr());
      return Files.readAllBytes(out);
    } finally {
      for (String f : List.of("in.wav", "out.mp3", "")) {
        Files.deleteIfExists(f.isEmpty() ? dir : dir.resolve(f));
      }
    }
  }
}
