package org.maiis.render.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.maiis.render.grafana.DashboardEdits.panel;
import static org.maiis.render.grafana.DashboardEdits.target;
import static org.maiis.render.grafana.DashboardEdits.withEdit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.process.ProcessRunner;

/** The structural half of the dashboard check (no promtool: the PromQL parse is skipped). */
class DashboardCheckTest {
  private static final String APP = "grafana/dashboards/maiis-application.json";
  private final DashboardCheck check =
      new DashboardCheck(new ProcessRunner(Duration.ofSeconds(30)), Optional.empty());

  /** What the check finds in the rendered files once {@code edit} broke the application board. */
  private List<String> problemsOfTheApplicationDashboardWith(Consumer<ObjectNode> edit)
      throws IOException {
    return check.check(withEdit("maiis-application", edit)).problems();
  }

  @Test
  void renderedDashboardsPassAndTheSkippedParseIsSaid() throws IOException {
    for (var config : List.of(RenderConfigs.defaults(), RenderConfigs.allJobs())) {
      DashboardCheck.Report r = check.check(GrafanaRenderer.render(config));
      assertEquals(List.of(), r.problems());
      assertEquals(1, r.notes().size());
      assertTrue(r.notes().get(0).contains("promtool is not installed"), r.notes().get(0));
    }
  }

  @Test
  void duplicatePanelIdIsNamedByPosition() throws IOException {
    assertEquals(
        List.of(
            APP
                + ": panel #2 \"p95 latency now (all instances)\": duplicate id 1 (panel #1"
                + " \"Error ratio now (all instances)\" has it too)"),
        problemsOfTheApplicationDashboardWith(d -> panel(d, 1).put("id", 1)));
  }

  @Test
  void unknownDatasourceUidIsReported() throws IOException {
    assertEquals(
        List.of(
            APP
                + ": panel #3 \"Request rate by status class\" query A: datasource uid \"prom-old\""
                + " is not provisioned (known: maiis-prometheus, maiis-alertmanager)"),
        problemsOfTheApplicationDashboardWith(
            d -> ((ObjectNode) target(d, 2).path("datasource")).put("uid", "prom-old")));
  }

  @Test
  void datasourceByNameMissingGridPosAndOverlapsAreReported() throws IOException {
    assertEquals(
        List.of(
            APP
                + ": panel #1 \"Error ratio now (all instances)\": datasource referenced by name"
                + " \"Prometheus\", not by uid",
            APP + ": panel #2 \"p95 latency now (all instances)\": no gridPos",
            APP
                + ": panel #4 \"Latency p50 / p95 / p99\": gridPos overlaps panel #3 \"Request rate"
                + " by status class\""),
        problemsOfTheApplicationDashboardWith(
            d -> {
              panel(d, 0).put("datasource", "Prometheus");
              panel(d, 1).remove("gridPos");
              panel(d, 3).set("gridPos", panel(d, 2).path("gridPos").deepCopy());
            }));
  }

  @Test
  void brokenJsonAndMissingDatasourcesAreReported() throws IOException {
    Map<String, String> files =
        new java.util.LinkedHashMap<>(GrafanaRenderer.render(RenderConfigs.defaults()));
    files.remove(GrafanaRenderer.DATASOURCES);
    files.put(APP, "{\"uid\": \"maiis-application\",");
    List<String> problems = check.check(files).problems();
    assertTrue(
        problems.get(0).startsWith("grafana/provisioning/datasources: no datasource file"),
        problems.get(0));
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith(APP + ": not valid JSON: ")),
        problems.toString());
  }

  @Test
  void checksADirectoryOfRenderedFiles(@TempDir Path out) throws IOException {
    Map<String, String> files = withEdit("maiis-security", d -> panel(d, 0).remove("id"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = out.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    assertEquals(
        List.of(
            "grafana/dashboards/maiis-security.json: panel #1 \"Auth failures per second by"
                + " reason\": no numeric id"),
        check.check(out).problems());
  }
}
