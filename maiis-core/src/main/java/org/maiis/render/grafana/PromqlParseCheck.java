package org.maiis.render.grafana;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.maiis.process.ProcessRunner;
import org.maiis.render.yaml.YamlWriter;

/**
 * Parses PromQL with the real parser: the expressions become recording rules in a temporary rules
 * file, and {@code promtool check rules} reports every one that does not parse, by rule name.
 */
final class PromqlParseCheck {
  static final String RULE_PREFIX = "maiis_dashboard_check_";
  private static final Pattern FAILED_RULE =
      Pattern.compile("\"" + RULE_PREFIX + "(\\d+)\": (?:could not parse expression: )?(.*)");
  private static final Pattern GRAFANA_RANGE =
      Pattern.compile("\\$\\{?__(rate_interval|interval|range)\\}?");

  private final ProcessRunner runner;
  private final Path promtool;

  PromqlParseCheck(ProcessRunner runner, Path promtool) {
    this.runner = runner;
    this.promtool = promtool;
  }

  /**
   * Grafana's built-in range variables replaced by durations, as Grafana would before sending the
   * query; template variables inside label values are left alone (they are string content).
   */
  static String asSent(String expr) {
    Matcher m = GRAFANA_RANGE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, m.group(1).equals("range") ? "6h" : "1m");
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The parse error of each expression that does not parse, by its index in {@code exprs}. A
   * failure promtool does not attribute to one rule is returned under index -1.
   */
  Map<Integer, String> errors(List<String> exprs) throws IOException {
    Map<Integer, String> errors = new TreeMap<>();
    if (exprs.isEmpty()) {
      return errors;
    }
    List<Object> rules = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("record", RULE_PREFIX + i);
      rule.put("expr", asSent(exprs.get(i)));
      rules.add(rule);
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "maiis-dashboard-check");
    group.put("rules", rules);
    Path dir = Files.createTempDirectory("maiis-dashboard-check");
    try {
      Path file = dir.resolve("dashboards.rules.yml");
      Files.writeString(
          file,
          YamlWriter.write(
              "Dashboard queries, parsed by promtool", Map.of("groups", List.of(group))));
      ProcessRunner.Result r =
          runner.run(List.of(promtool.toString(), "check", "rules", file.toString()));
      if (r.ok()) {
        return errors;
      }
      for (String line : (r.stdout() + "\n" + r.stderr()).split("\n")) {
        Matcher m = FAILED_RULE.matcher(line);
        if (m.find()) {
          errors.put(Integer.parseInt(m.group(1)), m.group(2).strip());
        }
      }
      if (errors.isEmpty()) {
        String detail = r.timedOut() ? "timed out" : firstLine(r.stderr() + "\n" + r.stdout());
        errors.put(-1, "promtool check rules failed: " + detail);
      }
      return errors;
    } finally {
      deleteTree(dir);
    }
  }

  private static String firstLine(String text) {
    return text.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("Checking"))
        .findFirst()
        .orElse("no output");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
