package org.maiis.render.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.metrics.MetricCatalog;
import org.maiis.metrics.PromqlMetricNames;
import org.maiis.render.alerts.AlertCatalog;
import org.maiis.render.alerts.AlertRule;
import org.maiis.render.alerts.RecordingRules;
import org.maiis.render.grafana.Dashboards;
import org.maiis.render.output.RenderException;
import org.maiis.testing.TestConfigs;

/** No alert or panel may query a metric that nothing exports. */
class QueriedMetricsTest {
  private final QueriedMetrics check = new QueriedMetrics(MetricCatalog.standard());
  private final MaiisConfig everything =
      new ConfigLoader(k -> null).parse("all.yaml", TestConfigs.EVERY_SOURCE);

  @Test
  void everyAlertAndEveryPanelQueriesAKnownMetric() {
    Map<String, String> queries = new LinkedHashMap<>();
    for (AlertRule r : AlertCatalog.all(everything)) {
      queries.put(r.name(), r.expr());
    }
    int i = 0;
    for (String q : Dashboards.queries(everything)) {
      queries.put("panel " + i++, q);
    }
    check.requireKnown(queries);
    assertTrue(queries.size() > 100, "alerts and panels checked: " + queries.size());
  }

  @Test
  void anAlertOnAMetricNobodyExportsFailsRendering() {
    RenderException e =
        assertThrows(
            RenderException.class,
            () ->
                check.requireKnown(
                    Map.of("alert SpeechDown", "sum(rate(speech_service_errors_total[5m])) > 0")));
    assertEquals(
        "metrics that neither the catalog nor a declared exporter provides: alert SpeechDown"
            + " queries speech_service_errors_total",
        e.getMessage());
  }

  @Test
  void histogramSeriesAndRecordingRulesAreKnown() {
    assertTrue(check.known("http_request_duration_seconds_bucket"));
    assertTrue(check.known("maiis:http_request_duration_seconds:p95_5m"));
    assertTrue(check.known("node_filesystem_avail_bytes"));
    assertTrue(!check.known("pg_replication_lag"), "the exporter's name has _seconds");
  }

  @Test
  void everyAlertDeclaresExactlyTheMetricsItsExpressionReads() {
    // The declared list feeds the runbook ("Reads ...") and the source filter; it must not drift
    // from the PromQL.
    List<String> drift = new ArrayList<>();
    for (AlertRule r : AlertCatalog.all(everything)) {
      // A recording rule counts as read, and so do the metrics it reads.
      Set<String> read = new TreeSet<>(PromqlMetricNames.of(r.expr()));
      RecordingRules.all()
          .forEach(
              (name, expr) -> {
                if (read.contains(name)) {
                  read.addAll(PromqlMetricNames.of(expr));
                }
              });
      if (!read.equals(new TreeSet<>(r.metrics()))) {
        drift.add(r.name() + " reads " + read + " but declares " + new TreeSet<>(r.metrics()));
      }
    }
    assertEquals(List.of(), drift);
  }

  @Test
  void renderingTheAlertsChecksTheirMetrics() {
    // The alerts artifact goes through requireKnown; a known-good config renders.
    assertTrue(
        MonitoringRenderer.renderAll(everything).keySet().stream()
            .anyMatch(p -> p.startsWith("prometheus/rules/")));
  }
}
