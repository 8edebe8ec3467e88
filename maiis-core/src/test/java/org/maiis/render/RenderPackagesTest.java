package org.maiis.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The render packages depend one way (DESIGN.md, "Layers and modules"): a package never imports its
 * parent, and no two packages import each other, directly or around a loop. Read from the sources'
 * import lines, which is what a reviewer sees.
 */
class RenderPackagesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(org\\.maiis(?:\\.[a-z0-9]+)*)\\.[A-Z]", Pattern.MULTILINE);
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(org\\.maiis(?:\\.[a-z0-9]+)*)\\.[A-Z]");

  @Test
  void noRenderPackageImportsItsParent() throws IOException {
    List<String> wrong = new ArrayList<>();
    graph()
        .forEach(
            (from, tos) -> {
              for (String to : tos) {
                if (from.startsWith(to + ".")) {
                  wrong.add(from + " -> " + to);
                }
              }
            });
    assertEquals(List.of(), wrong);
  }

  @Test
  void renderPackagesHaveNoCycles() throws IOException {
    Map<String, Set<String>> graph = graph();
    assertFalse(graph.isEmpty());
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      if (reaches(graph, start, start, new TreeSet<>())) {
        cycles.add(start);
      }
    }
    assertEquals(List.of(), cycles, "packages on a dependency cycle");
  }

  private static boolean reaches(
      Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
    for (String next : graph.getOrDefault(from, Set.of())) {
      if (next.equals(target)) {
        return true;
      }
      if (seen.add(next) && reaches(graph, next, target, seen)) {
        return true;
      }
    }
    return false;
  }

  /** Package to the other render packages its sources name (imports and qualified names). */
  private static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    Path root = SOURCES.resolve("org/maiis/render");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
        String text = Files.readString(f);
        Set<String> to = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        for (Pattern p : List.of(IMPORT, QUALIFIED)) {
          Matcher m = p.matcher(text);
          while (m.find()) {
            String dep = m.group(1);
            if (!dep.equals(pkg)
                && (dep.equals("org.maiis.render") || dep.startsWith("org.maiis.render."))) {
              to.add(dep);
            }
          }
        }
      }
    }
    return graph;
  }
}
