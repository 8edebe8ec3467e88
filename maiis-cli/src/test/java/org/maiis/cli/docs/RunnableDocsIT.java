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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.maiis.config.ConfigLoader;
import org.maiis.process.ProcessRunner;
import org.maiis.server.MaiisServer;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;

/**
 * Docs that run: every shell block marked {@code <!-- runnable -->} in README.md and docs/*.md is
 * executed, in order per document, from the repository root with the built ./maiis. A command that
 * stops working fails the build, so the docs cannot drift from the tool.
 *
 * <p>A block marked {@code <!-- runnable: with-api -->} talks to a running API at 127.0.0.1:8000,
 * as the docs show it: for such a document a fresh server is started on a free port (and an empty
 * data directory) and the document's 127.0.0.1:8000 / localhost:8000 point there. Every other sh,
 * bash or shell block says why it cannot run here with {@code <!-- not-runnable: REASON -->} (a
 * public domain, root, an interactive prompt, minutes of load).
 */
class RunnableDocsIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MARK = "<!-- runnable -->";
  private static final String WITH_API = "<!-- runnable: with-api -->";
  private static final Pattern NOT_RUNNABLE = Pattern.compile("<!-- not-runnable: \\S.*\\S -->");
  private static final Pattern SHELL_FENCE = Pattern.compile("```(sh|bash|shell)\\s*");

  /**
   * Pages whose blocks other branches own and have not marked yet; their marks come with those
   * branches (then this set is empty).
   */
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
        String mark = lines.get(i).strip();
        if ((mark.equals(MARK) || mark.equals(WITH_API))
            && lines.get(i + 1).strip().startsWith("```")) {
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
  void everyRunnableBlockRuns(Path doc, @TempDir Path tmp) throws Exception {
    ExternalTools.SYSTEM.require("bash", "bash");
    String script = "set -euo pipefail\ncd " + ROOT + "\n" + String.join("\n", blocks(doc));
    MaiisServer api = null;
    if (Files.readString(doc).contains(WITH_API)) {
      ExternalTools.SYSTEM.require("curl", "curl");
      ExternalTools.SYSTEM.require("jq", "jq");
      Path yaml = tmp.resolve("maiis.yaml");
      Files.writeString(
          yaml,
          "server:\n  listen: 127.0.0.1:"
              + LoopbackPorts.free()
              + "\n  data_dir: "
              + tmp.resolve("data")
              + "\n");
      api = MaiisServer.start(new ConfigLoader(System::getenv).load(yaml), System::getenv);
      String here = "127.0.0.1:" + api.port();
      script = script.replace("127.0.0.1:8000", here).replace("localhost:8000", here);
    }
    try {
      ProcessRunner.Result r =
          new ProcessRunner(Duration.ofMinutes(5))
              .run(List.of("bash", "-c", script), ROOT, Map.of(), null);
      assertEquals(
          0, r.exitCode(), ROOT.relativize(doc) + " failed:\n" + r.stdout() + "\n" + r.stderr());
    } finally {
      if (api != null) {
        api.close();
      }
    }
  }

  /**
   * No shell block is silently left out: each one runs or says why it cannot run in CI, so "every
   * snippet that claims to run, runs" has no unmarked exceptions.
   */
  @org.junit.jupiter.api.Test
  void everyShellBlockRunsOrSaysWhyNot() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    List<String> unmarked = new ArrayList<>();
    for (Path doc : docs) {
      List<String> lines = Files.readAllLines(doc);
      boolean inFence = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (!line.startsWith("```")) {
          continue;
        }
        if (!inFence && SHELL_FENCE.matcher(line).matches()) {
          String mark = i > 0 ? lines.get(i - 1).strip() : "";
          if (!mark.equals(MARK)
              && !mark.equals(WITH_API)
              && !NOT_RUNNABLE.matcher(mark).matches()) {
            unmarked.add(ROOT.relativize(doc) + ":" + (i + 1));
          }
        }
        inFence = !inFence;
      }
    }
    assertEquals(List.of(), unmarked, "shell blocks without a runnable or not-runnable mark");
  }

  @org.junit.jupiter.api.Test
  void theGuidesHaveRunnableBlocks() throws IOException {
    assertTrue(documents().count() >= 3, "README and guides mark what they promise runs");
  }
}
