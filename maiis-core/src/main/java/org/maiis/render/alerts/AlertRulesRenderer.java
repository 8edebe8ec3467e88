package org.maiis.render.alerts;

import static org.maiis.render.yaml.YamlWriter.map;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maiis.config.Durations;
import org.maiis.config.MaiisConfig;
import org.maiis.render.yaml.YamlWriter;

/**
 * Renders the alerting rules (one file per group), the recording rules, and promtool unit tests
 * (per group one file, plus one for the tests that replay hours; each alert tested silent on the
 * safe side of its threshold and firing across it). Paths are relative to the output directory.
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

  /** The promtool tests of {@code group} that replay hours, at a coarser evaluation interval. */
  public static String longTestsFile(String group) {
    return "prometheus/tests/maiis-" + group + ".long.test.yml";
  }

  /**
   * From this settle time on, a test goes to the long file: promtool evaluates every rule of the
   * file at each step, so seven hours at one minute cost more than all the short tests together.
   */
  static final Duration LONG_TEST = Duration.ofHours(2);

  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Duration LONG_STEP = Duration.ofMinutes(5);

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
          List<AlertRule> shortTests = new ArrayList<>();
          List<AlertRule> longTests = new ArrayList<>();
          for (AlertRule r : list) {
            (settle(r, STEP).compareTo(LONG_TEST) < 0 ? shortTests : longTests).add(r);
          }
          putTests(files, testsFile(group), group, list, shortTests, STEP, runbooks);
          putTests(files, longTestsFile(group), group, list, longTests, LONG_STEP, runbooks);
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

  private static void putTests(
      Map<String, String> files,
      String path,
      String group,
      List<AlertRule> groupRules,
      List<AlertRule> tested,
      Duration step,
      String runbooks) {
    if (!tested.isEmpty()) {
      files.put(
          path,
          YamlWriter.write(
              HEADER + " Run: promtool test rules " + path,
              tests(group, groupRules, tested, step, runbooks)));
    }
  }

  /** When the firing test looks: the alert's window filled, its 'for' over, two steps to spare. */
  private static Duration settle(AlertRule r, Duration step) {
    return r.forDuration().plus(longestWindow(r)).plus(step.multipliedBy(2));
  }

  private static Map<String, Object> tests(
      String group,
      List<AlertRule> groupRules,
      List<AlertRule> tested,
      Duration step,
      String runbooks) {
    List<Object> tests = new ArrayList<>();
    for (AlertRule r : tested) {
      Duration settle = settle(r, step);
      int samples = (int) settle.toMinutes() + 5;
      Map<String, Object> firingAlert = new LinkedHashMap<>();
      Map<String, String> labels = new TreeMap<>(r.fixture().labels());
      labels.put("severity", r.severity().label());
      labels.put("family", r.family());
      firingAlert.put("exp_labels", labels);
      Map<String, Object> expectedAnnotations = annotations(r, runbooks);
      expectedAnnotations.put("description", r.fixture().description());
      firingAlert.put("exp_annotations", expectedAnnotations);

      if (quietThenFiring(r)) {
        tests.add(quietThenFiringTest(r, settle, step, samples, firingAlert));
        continue;
      }
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
    // Rules are evaluated at every step of every test: load the recording rules only when the
    // group's alerts read them. A one-minute interval tests the same semantics as 15s, 4x faster.
    List<String> ruleFiles = new ArrayList<>(List.of("../rules/maiis-" + group + ".yml"));
    if (groupRules.stream().anyMatch(AlertRulesRenderer::readsRecordedSeries)) {
      ruleFiles.add("../rules/maiis-recording.yml");
    }
    return map(
        "rule_files", ruleFiles, "evaluation_interval", Durations.format(step), "tests", tests);
  }

  /** Functions whose result depends on when a sample is, or on a series' end or jumps. */
  private static final Pattern TIME_OR_JUMP_SENSITIVE =
      Pattern.compile("\\b(time|timestamp|absent|absent_over_time|changes|resets)\\(");

  /**
   * Whether one test can hold both inputs: the same series, first on the safe side, then across the
   * threshold. Each promtool test group costs a storage of its own (about 13 ms of CPU), which one
   * group instead of two halves; an alert on time, absence or jumps keeps two groups.
   */
  private static boolean quietThenFiring(AlertRule r) {
    Set<String> quiet = new HashSet<>();
    r.fixture().quiet().forEach(x -> quiet.add(x.selector()));
    Set<String> firing = new HashSet<>();
    r.fixture().firing().forEach(x -> firing.add(x.selector()));
    return quiet.equals(firing) && !TIME_OR_JUMP_SENSITIVE.matcher(r.expr()).find();
  }

  /**
   * The quiet input for {@code settle}, then the firing one from the next evaluation: silent at the
   * end of the quiet part, still silent half its 'for' into the firing part, firing once settled.
   * Every window the checks read lies in one part (a counter's restart between them is outside),
   * and the firing part starts on an evaluation, so its checks see what a test of its own would.
   */
  private static Map<String, Object> quietThenFiringTest(
      AlertRule r, Duration settle, Duration step, int samples, Map<String, Object> firingAlert) {
    long minutes = settle.toMinutes() + 1;
    long stepMinutes = step.toMinutes();
    Duration firingStarts =
        Duration.ofMinutes((minutes + stepMinutes - 1) / stepMinutes * stepMinutes);
    int quietSamples = (int) firingStarts.toMinutes() - 1;
    Map<String, Series> firingBySelector = new HashMap<>();
    r.fixture().firing().forEach(x -> firingBySelector.put(x.selector(), x));
    List<Object> input = new ArrayList<>();
    for (Series quiet : r.fixture().quiet()) {
      input.add(
          map(
              "series",
              quiet.selector(),
              "values",
              quiet.values(quietSamples)
                  + " "
                  + firingBySelector.get(quiet.selector()).values(samples)));
    }
    List<Object> checks = new ArrayList<>();
    checks.add(alertTest(Durations.format(settle), r.name(), List.of()));
    if (!r.forDuration().isZero()) {
      Duration early = firingStarts.plus(r.forDuration().dividedBy(2));
      checks.add(alertTest(Durations.format(early), r.name(), List.of()));
    }
    checks.add(
        alertTest(Durations.format(firingStarts.plus(settle)), r.name(), List.of(firingAlert)));
    return map(
        "name",
        r.name()
            + " stays silent on the safe side of its threshold, then fires after "
            + Durations.format(r.forDuration())
            + " across it",
        "interval",
        "1m",
        "input_series",
        input,
        "alert_rule_test",
        checks);
  }

  private static boolean readsRecordedSeries(AlertRule r) {
    return RecordingRules.all().keySet().stream().anyMatch(r.expr()::contains);
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
