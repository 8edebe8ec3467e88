package org.maiis.render.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.maiis.config.Durations;
import org.maiis.config.MonitoringConfig;

/**
 * config validate rejects scrape intervals longer than a quarter of the shortest window the rules
 * use; that bound is only right while no rule uses a shorter window.
 */
class RuleWindowsTest {
  private static final Pattern WINDOW = Pattern.compile("\\[(\\d+[smhd])(?::[^\\]]*)?\\]");

  @Test
  void noRuleUsesAWindowShorterThanTheOneScrapeIntervalsAreCheckedAgainst() {
    List<String> exprs = new ArrayList<>(RecordingRules.all().values());
    AlertCatalog.all(AlertRulesPromtoolTest.config(AlertRulesPromtoolTest.ALL_JOBS))
        .forEach(r -> exprs.add(r.expr()));
    List<String> shorter = new ArrayList<>();
    for (String e : exprs) {
      Matcher m = WINDOW.matcher(e);
      while (m.find()) {
        Duration d = Durations.parse(m.group(1)).orElseThrow();
        if (d.compareTo(MonitoringConfig.SHORTEST_RULE_WINDOW) < 0) {
          shorter.add(m.group() + " in " + e);
        }
      }
    }
    assertEquals(List.of(), shorter);
  }
}
