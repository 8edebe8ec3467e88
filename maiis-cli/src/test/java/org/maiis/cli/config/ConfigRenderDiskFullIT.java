package org.maiis.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.cli.MaiisYaml;
import org.maiis.testing.SmallFilesystem;

/**
 * {@code config render} into a directory whose disk fills up: one line naming the file it could not
 * write, every file of the previous render as it was and no temp file left; once there is space
 * again the next render writes everything.
 */
class ConfigRenderDiskFullIT {
  @TempDir Path tmp;

  @Test
  void aFullDiskLeavesThePreviousRenderWholeAndNamesTheFile() throws Exception {
    try (SmallFilesystem fs = SmallFilesystem.mount(tmp.resolve("disk"), "2m")) {
      Path out = fs.path().resolve("rendered");
      Path before = MaiisYaml.write(tmp, "version: 1\nsite: {domain: bank.example.com}\n");
      CliRun first = render(before, out);
      assertEquals(0, first.exitCode(), first.err());
      Map<Path, byte[]> rendered = snapshot(out);

      Path filler = fs.fill("filler");
      Path after =
          MaiisYaml.write(
              Files.createDirectory(tmp.resolve("v2")),
              "version: 1\nsite: {domain: shop.example.com}\n");
      CliRun full = render(after, out);
      assertEquals(1, full.exitCode(), full.err());
      assertEquals(1, full.err().lines().count(), full.err());
      assertTrue(
          full.err().startsWith("maiis config render: " + out)
              && full.err().contains(": No space left on device."),
          full.err());
      Map<Path, byte[]> now = snapshot(out);
      assertEquals(rendered.keySet(), now.keySet(), "no file added, none lost, no temp file");
      rendered.forEach(
          (p, bytes) -> assertTrue(java.util.Arrays.equals(bytes, now.get(p)), p + " unchanged"));

      Files.delete(filler);
      CliRun again = render(after, out);
      assertEquals(0, again.exitCode(), again.err());
      assertTrue(Files.readString(out.resolve("nginx/nginx.conf")).contains("shop.example.com"));
    }
  }

  private static CliRun render(Path config, Path out) {
    return CliRun.of("config", "render", "-c", config.toString(), "--out", out.toString());
  }

  private static Map<Path, byte[]> snapshot(Path dir) throws Exception {
    Map<Path, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
