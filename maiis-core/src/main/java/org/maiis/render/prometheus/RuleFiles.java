package org.maiis.render.prometheus;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Resolves a rule_files glob the way Prometheus does: relative to the config file's directory. */
public final class RuleFiles {
  private RuleFiles() {}

  /**
   * The files {@code glob} matches. Prometheus accepts a glob that matches nothing without a word,
   * which silently loads no alert, so callers treat an empty result as an error.
   */
  public static List<Path> matching(Path configDir, String glob) throws IOException {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (Stream<Path> files = Files.walk(configDir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> matcher.matches(configDir.relativize(p)))
          .sorted()
          .toList();
    }
  }
}
