package org.maiis.render.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * How the promtool unit tests are laid out: what keeps them cheap (promtool evaluates every rule of
 * a file at every step of every test) without testing less. That they pass is
 * AlertRulesPromtoolTest's business.
 */
class AlertTestFilesTest {
  private final Map<String, String> files =
      AlertRulesRenderer.render(AlertRulesPromtoolTest.config(AlertRulesPromtoolTest.ALL_JOBS));

  @SuppressWarnings("unchecked")
  private Map<String, Object> yaml(String path) {
    String text = files.get(path);
    assertTrue(text != null, path + " is rendered: " + files.keySet());
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> tests(String path) {
    return (List<Map<String, Object>>) yaml(path).get("tests");
  }

  private List<String> names(String path) {
    List<String> names = new ArrayList<>();
    tests(path).forEach(t -> names.add((String) t.get("name")));
    return names;
  }

  @Test
  void testsThatReplayHoursHaveTheirOwnFileEvaluatedEveryFiveMinutes() {
    String longFile = AlertRulesRenderer.longTestsFile("resources");
    assertEquals("5m", yaml(longFile).get("evaluation_interval"));
    assertTrue(names(longFile).stream().allMatch(n -> n.startsWith("DiskWillFillSoon ")));
    assertEquals("1m", yaml(AlertRulesRenderer.testsFile("resources")).get("evaluation_interval"));
    assertTrue(
        names(AlertRulesRenderer.testsFile("resources")).stream()
            .noneMatch(n -> n.startsWith("DiskWillFillSoon ")));
  }

  @Test
  void recordingRulesAreLoadedOnlyWhereTheGroupReadsThem() {
    assertEquals(
        List.of("../rules/maiis-api.yml", "../rules/maiis-recording.yml"),
        yaml(AlertRulesRenderer.testsFile("api")).get("rule_files"));
    assertEquals(
        List.of("../rules/maiis-resources.yml"),
        yaml(AlertRulesRenderer.testsFile("resources")).get("rule_files"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void oneTestChecksSilenceOnTheSafeSideThenFiringAcrossTheThreshold() {
    Map<String, Object> test =
        tests(AlertRulesRenderer.testsFile("api")).stream()
            .filter(t -> ((String) t.get("name")).startsWith("HighRequestRate "))
            .findFirst()
            .orElseThrow();
    List<Map<String, Object>> checks = (List<Map<String, Object>>) test.get("alert_rule_test");
    List<Integer> expected = new ArrayList<>();
    checks.forEach(c -> expected.add(((List<Object>) c.get("exp_alerts")).size()));
    assertEquals(List.of(0, 0, 1), expected, "silent, silent half its 'for' in, firing");
    List<Map<String, Object>> series = (List<Map<String, Object>>) test.get("input_series");
    assertTrue(
        series.stream().allMatch(s -> ((String) s.get("values")).split(" ").length == 2),
        "a quiet part, then a firing part: " + series);
  }

  @Test
  void anAlertOnTimeKeepsTwoTestsEachFromAFreshStart() {
    // It compares the last renewal run with time(): after a quiet part the same input is older.
    List<String> names = names(AlertRulesRenderer.testsFile("certificates"));
    assertTrue(
        names.contains("CertificateRenewalNotRunning fires after 10m across its threshold"),
        names.toString());
    assertTrue(
        names.contains(
            "CertificateRenewalNotRunning stays silent on the safe side of its threshold"),
        names.toString());
  }
}
