package org.maiis.render.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares rendered files with golden files byte for byte; with {@code -Dmaiis.updateGoldens=true}
 * rewrites the goldens instead (then review the diff and commit it).
 */
public final class Goldens {
  private Goldens() {}

  /** Whether this run rewrites goldens. */
  public static boolean updating() {
    return Boolean.getBoolean("maiis.updateGoldens");
  }

  /** Asserts that {@code dir} holds exactly {@code files}, byte for byte (or rewrites it). */
  public static void assertMatches(Path dir, Map<String, String> files) throws IOException {
    if (updating()) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue());
      }
      return;
    }
    TreeSet<String> onDisk = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> onDisk.add(dir.relativize(p).toString().replace('\\', '/')));
    }
    assertEquals(
        new TreeSet<>(files.keySet()),
        onDisk,
        "rendered files vs goldens in " + dir + " (regenerate with -Dmaiis.updateGoldens=true)");
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertEquals(
          Files.readString(dir.resolve(f.getKey())),
          f.getValue(),
          f.getKey() + " differs from its golden (regenerate with -Dmaiis.updateGoldens=true)");
    }
  }
}
