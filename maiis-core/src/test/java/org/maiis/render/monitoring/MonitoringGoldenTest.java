package org.maiis.render.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.maiis.config.ConfigLoader;
import org.maiis.render.alerts.RunbookDocument;

/**
 * The rendered monitoring tree of each example is byte-identical to its golden copy. After an
 * intended change: mvn test -Dtest=MonitoringGoldenTest -Dmaiis.updateGoldens=true, then review the
 * diff.
 */
class MonitoringGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/render/monitoring");
  private static final boolean UPDATE = Boolean.getBoolean("maiis.updateGoldens");

  @Test
  void productionExample() throws IOException {
    compare(
        "production",
        MonitoringRenderer.renderAll(
            new ConfigLoader(k -> null).load(Path.of("../examples/production.yaml"))));
  }

  @Test
  void defaults() throws IOException {
    compare("defaults", MonitoringRenderer.renderAll(new ConfigLoader(k -> null).defaults()));
  }

  @Test
  void runbooksInDocsAreCurrent() throws IOException {
    String generated = RunbookDocument.render(new ConfigLoader(k -> null).defaults());
    Path doc = Path.of("../docs/RUNBOOKS.md");
    if (UPDATE) {
      Files.writeString(doc, generated);
    }
    assertEquals(
        generated, Files.exists(doc) ? Files.readString(doc) : "", "docs/RUNBOOKS.md is stale");
  }

  private static void compare(String name, Map<String, String> files) throws IOException {
    Path root = GOLDEN.resolve(name);
    if (UPDATE) {
      if (Files.exists(root)) {
        try (Stream<Path> old = Files.walk(root)) {
          old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = root.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
    }
    TreeSet<String> onDisk = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(p -> onDisk.add(root.relativize(p).toString()));
    }
    assertEquals(new TreeSet<>(files.keySet()), onDisk, "the set of rendered files");
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertEquals(Files.readString(root.resolve(f.getKey())), f.getValue(), f.getKey());
    }
  }
}
