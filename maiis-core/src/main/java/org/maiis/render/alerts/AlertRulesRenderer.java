package org.maiis.render.alerts;

import static org.maiis.render.yaml.YamlWriter.map;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maiis.config.Durations;
import org.maiis.config.MaiisConfig;
import org.maiis.render.yaml.YamlWriter;

/**
 * Renders the alerting rules (one file per group), the recording rules, and promtool unit tests
 * (one file per group, each alert tested firing and silent). Paths are relative to the output
 * directory.
 */
public final class AlertRulesRenderer {
  /** Where the recording rules go. */
  public static final String RECORDING = "prometheus/rules/maiis-recording.yml";

  /** The alerting rules of {@code group}. */
  public static String rulesFile(String group) {
    return "prometheus/rules/maiis-" + group + ".yml";
  }

  /** The promtool tests of {@code group}. */
  public static String testsFile(String group) {
    return "prometheus/tests/maiis-" + group + ".test.yml";
  }

  private static final String HEADER =
      "Rendered by maiis from maiis.yaml; edit that file, not this one.";
  private static final Pattern WINDOW = Pattern.compile("\\[(\\d+[smhd])\\]");

  private AlertRulesRenderer() {}

  /** The rule and test files for the alerts of {@code config} whose sources are enabled. */
  public static Map<String, String> render(MaiisConfig config) {
    return render(config, AlertCatalog.enabled(config));
  }

  static Map<String, String> render(MaiisConfig config, List<AlertRule> rules) {
    String runbooks = config.monitoring().runbookBaseUrl().toString();
    Map<String, List<AlertRule>> byGroup = new LinkedHashMap<>();
    for (AlertRule r : rules) {
      byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put(RECORDING, YamlWriter.write(HEADER, recordingGroups()));
    byGroup.forEach(
        (group, list) -> {
          files.put(rulesFile(group), YamlWriter.write(HEADER, alertGroup(group, list, runbooks)));
          files.put(
              testsFile(group),
              YamlWriter.write(
                  HEADER + " Run: promtool test rules " + testsFile(group),
                  tests(group, list, runbooks)));
        });
    return files;
  }

  /** The runbook link of one alert. */
  public static String runbookUrl(String base, String alert) {
    return base + "#" + alert.toLowerCase(java.util.Locale.ROOT);
  }

  private static Map<String, Object> alertGroup(
      String group, List<AlertRule> rules, String runbooks) {
    List<Object> list = new ArrayList<>();
    for (AlertRule r : rules) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("alert", r.name());
      rule.put("expr", r.expr());
      rule.put("for", Durations.format(r.forDuration()));
      rule.put("labels", map("severity", r.severity().label(), "family", r.family()));
      rule.put("annotations", annotations(r, runbooks));
      list.add(rule);
    }
    return map("groups", List.of(map("name", "maiis-" + group, "rules", list)));
  }

  private static Map<String, Object> annotations(AlertRule r, String runbooks) {
    return map(
        "summary",
        r.summary(),
        "description",
        r.description(),
        "runbook_url",
        runbookUrl(runbooks, r.name()));
  }

  private static Map<String, Object> recordingGroups() {
    List<Object> rules = new ArrayList<>();
    RecordingRules.all().forEach((name, expr) -> rules.add(map("record", name, "expr", expr)));
    return map("groups", List.of(map("name", "maiis-recording", "rules", rules)));
  }

  private static Map<String, Object> tests(String group, List<AlertRule> rules, String runbooks) {
    List<Object> tests = new ArrayList<>();
    for (AlertRule r : rules) {
      Duration settle = r.forDuration().plus(longestWindow(r)).plus(Duration.ofMinutes(10));
      int samples = (int) settle.toMinutes() + 5;
      Map<String, Object> firingAlert = new LinkedHashMap<>();
      Map<String, String> labels = new TreeMap<>(r.fixture().labels());
      labels.put("severity", r.severity().label());
      labels.put("family", r.family());
      firingAlert.put("exp_labels", labels);
      Map<String, Object> expectedAnnotations = annotations(r, runbooks);
      expectedAnnotations.put("description", r.fixture().description());
      firingAlert.put("exp_annotations", expectedAnnotations);

      Duration early = r.forDuration().dividedBy(2);
      tests.add(
          map(
              "name",
              r.name()
                  + " fires after "
                  + Durations.format(r.forDuration())
                  + " across its threshold",
              "interval",
              "1m",
              "input_series",
              series(r.fixture().firing(), samples),
              "alert_rule_test",
              List.of(
                  alertTest(early.isZero() ? "0m" : Durations.format(early), r.name(), List.of()),
                  alertTest(Durations.format(settle), r.name(), List.of(firingAlert)))));
      tests.add(
          map(
              "name",
              r.name() + " stays silent on the safe side of its threshold",
              "interval",
              "1m",
              "input_series",
              series(r.fixture().quiet(), samples),
              "alert_rule_test",
              List.of(alertTest(Durations.format(settle), r.name(), List.of()))));
    }
    // A one-minute evaluation interval tests the same semantics four times faster than 15s.
    return map(
        "rule_files",
        List.of("../rules/maiis-" + group + ".yml", "../rules/maiis-recording.yml"),
        "evaluation_interval",
        "1m",
        "tests",
        tests);
  }

  private static Map<String, Object> alertTest(String at, String name, List<Object> expected) {
    return map("eval_time", at, "alertname", name, "exp_alerts", expected);
  }

  private static List<Object> series(List<Series> input, int samples) {
    List<Object> out = new ArrayList<>();
    for (Series s : input) {
      out.add(map("series", s.selector(), "values", s.values(samples)));
    }
    return out;
  }

  /** The longest range in the expression or in the recording rules it reads. */
  static Duration longestWindow(AlertRule r) {
    StringBuilder text = new StringBuilder(r.expr());
    RecordingRules.all()
        .forEach(
            (name, expr) -> {
              if (r.expr().contains(name)) {
                text.append(' ').append(expr);
              }
            });
    Duration longest = Duration.ZERO;
    Matcher m = WINDOW.matcher(text);
    while (m.find()) {
      Duration d = Durations.parse(m.group(1)).orElseThrow();
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    return longest;
  }
}
