package org.maiis.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects the problems found while binding one file, so that validation reports all of them at
 * once, each with its location.
 */
final class Binder {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\\}");

  private final String file;
  private final Function<String, String> env;
  private final List<ConfigProblem> problems = new ArrayList<>();

  Binder(String file, Function<String, String> env) {
    this.file = file;
    this.env = env;
  }

  void error(Node at, String field, String message, String expected) {
    int line = 0;
    int column = 0;
    if (at != null && at.getStartMark().isPresent()) {
      Mark mark = at.getStartMark().get();
      line = mark.getLine() + 1;
      column = mark.getColumn() + 1;
    }
    problems.add(new ConfigProblem(file, line, column, field, message, expected));
  }

  void error(Mark mark, String message) {
    problems.add(
        new ConfigProblem(file, mark.getLine() + 1, mark.getColumn() + 1, "", message, ""));
  }

  void errorNoLocation(String message) {
    problems.add(new ConfigProblem(file, 0, 0, "", message, ""));
  }

  /** Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a non-secret value; null on error. */
  String interpolate(Node at, String field, String text) {
    if (!text.contains("${")) {
      return text;
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.apply(m.group(1));
      if (value == null || value.isEmpty()) {
        value = m.group(2);
      }
      if (value == null) {
        error(
            at,
            field,
            "environment variable " + m.group(1) + " is not set",
            "set it, or give a default: ${" + m.group(1) + ":-value}");
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (out.indexOf("${") >= 0) {
      error(at, field, "malformed variable reference", "${NAME} or ${NAME:-default}");
      return null;
    }
    return out.toString();
  }

  List<ConfigProblem> problems() {
    List<ConfigProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
    return sorted;
  }

  String file() {
    return file;
  }
}
