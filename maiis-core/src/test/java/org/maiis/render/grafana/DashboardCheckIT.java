package org.maiis.render.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.maiis.render.grafana.DashboardEdits.target;
import static org.maiis.render.grafana.DashboardEdits.withEdit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;

/**
 * Every dashboard query parses with the real PromQL parser (promtool), and a broken one is named.
 */
class DashboardCheckIT {
  private static DashboardCheck check() {
    Path promtool = ExternalTools.SYSTEM.require("promtool", "prometheus");
    return new DashboardCheck(new ProcessRunner(Duration.ofMinutes(1)), Optional.of(promtool));
  }

  @Test
  void everyRenderedQueryParses() throws IOException {
    DashboardCheck check = check();
    for (var config : List.of(RenderConfigs.defaults(), RenderConfigs.allJobs())) {
      DashboardCheck.Report r = check.check(GrafanaRenderer.render(config));
      assertEquals(List.of(), r.problems());
      assertEquals(List.of(), r.notes());
    }
  }

  @Test
  void aQueryThatDoesNotParseIsNamedWithPromtoolsReason() throws IOException {
    Map<String, String> files =
        withEdit(
            "maiis-database",
            d ->
                target(d, 1)
                    .put(
                        "expr",
                        "histogram_quantile(0.95, sum by (le) (rate(db_query_duration_seconds_bucket[5m]))"));
    List<String> problems = check().check(files).problems();
    assertEquals(1, problems.size(), problems.toString());
    String prefix =
        "grafana/dashboards/maiis-database.json: panel #2 \"Query p95 by operation\" query A:"
            + " PromQL does not parse: ";
    assertTrue(problems.get(0).startsWith(prefix), problems.get(0));
    assertTrue(problems.get(0).contains("unclosed left parenthesis"), problems.get(0));
  }

  @Test
  void brokenQueriesInSeveralDashboardsAreAllReported() throws IOException {
    Map<String, String> files =
        withEdit(
            "maiis-security",
            d -> target(d, 0).put("expr", "sum by (reason) rate(auth_failures_total[5m])"));
    files.putAll(
        Map.of(
            GrafanaRenderer.dashboardFile("maiis-ai-services"),
            withEdit(
                    "maiis-ai-services",
                    d ->
                        target(d, 2)
                            .put("expr", "rate(llm_tokens_total{model=~\"$model\"}[5m]) $x"))
                .get(GrafanaRenderer.dashboardFile("maiis-ai-services"))));
    List<String> problems = check().check(files).problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "grafana/dashboards/maiis-ai-services.json: panel #3 \"Tokens per second\" query A:"
                    + " PromQL does not parse: "),
        problems.get(0));
    assertTrue(
        problems
            .get(1)
            .startsWith(
                "grafana/dashboards/maiis-security.json: panel #1 \"Auth failures per second by"
                    + " reason\" query A: PromQL does not parse: "),
        problems.get(1));
  }
}
