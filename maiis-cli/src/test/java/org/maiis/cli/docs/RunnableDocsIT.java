package org.maiis.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;

/**
 * Docs that run: every shell block marked {@code <!-- runnable -->} in README.md and docs/*.md is
 * executed, in order per document, from the repository root with the built ./maiis. A command that
 * stops working fails the build, so the docs cannot drift from the tool.
 */
class RunnableDocsIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MARK = "<!-- runnable -->";

  static Stream<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs.stream().filter(p -> !blocks(p).isEmpty());
  }

  /** The marked blocks of one document. */
  static List<String> blocks(Path doc) {
    List<String> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i + 1 < lines.size(); i++) {
        // Blocks inside a numbered list are indented; the fences are found after the indent.
        if (lines.get(i).strip().equals(MARK) && lines.get(i + 1).strip().startsWith("```")) {
          StringBuilder block = new StringBuilder();
          int j = i + 2;
          while (j < lines.size() && !lines.get(j).strip().startsWith("```")) {
            block.append(lines.get(j++)).append('\n');
          }
          out.add(block.toString());
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void everyRunnableBlockRuns(Path doc) throws IOException {
    ExternalTools.SYSTEM.require("bash", "bash");
    String script = "set -euo pipefail\ncd " + ROOT + "\n" + String.join("\n", blocks(doc));
    ProcessRunner.Result r =
        new ProcessRunner(Duration.ofMinutes(5))
            .run(List.of("bash", "-c", script), ROOT, Map.of(), null);
    assertEquals(
        0, r.exitCode(), ROOT.relativize(doc) + " failed:\n" + r.stdout() + "\n" + r.stderr());
  }

  @org.junit.jupiter.api.Test
  void theGuidesHaveRunnableBlocks() throws IOException {
    assertTrue(documents().count() >= 3, "README and guides mark what they promise runs");
  }
}
