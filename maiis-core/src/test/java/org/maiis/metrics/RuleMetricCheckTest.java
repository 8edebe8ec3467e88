package org.maiis.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleMetricCheckTest {
  @TempDir Path dir;

  @Test
  void acceptsCatalogExporterAndRecordedMetricsAndFlagsTheRest() throws Exception {
    Files.writeString(
        dir.resolve("alerts.yml"),
        """
        groups:
          - name: app
            rules:
              - record: job:http_errors:rate5m
                expr: sum by (job) (rate(http_requests_total{status=~"5.."}[5m]))
              - alert: HighErrors
                expr: job:http_errors:rate5m > 1
              - alert: CertExpiring
                expr: maiis_ssl_certificate_expiry_timestamp_seconds - time() < 7 * 86400
              - alert: RedisMemory
                expr: redis_memory_used_bytes / redis_memory_max_bytes > 0.85
              - alert: Ghost
                expr: ssl_certificate_expiry_seconds < 86400
        """);
    Files.createDirectories(dir.resolve("dashboards"));
    Files.writeString(
        dir.resolve("dashboards/api.json"),
        """
        {"title": "API", "panels": [
          {"title": "p95", "targets": [{"refId": "A",
            "expr": "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"}]},
          {"title": "old", "targets": [{"refId": "B", "expr": "rate(system_cpu_usage_percent[5m])"}]}
        ],
         "templating": {"list": [{"name": "route", "query": "label_values(http_requests_total, endpoint)"},
                                  {"name": "db", "definition": "label_values(pg_stat_nothing, datname)"}]}}
        """);
    Files.writeString(dir.resolve("prometheus.yml"), "scrape_configs: []\n");
    List<String> f = findings(dir);
    assertEquals(
        List.of(
            "error: alerts.yml: alert Ghost: ssl_certificate_expiry_seconds is neither in the"
                + " metric catalog nor exported by a declared exporter",
            "error: dashboards/api.json: target B: system_cpu_usage_percent is neither in the"
                + " metric catalog nor exported by a declared exporter",
            "error: dashboards/api.json: variable db: pg_stat_nothing is neither in the metric"
                + " catalog nor exported by a declared exporter"),
        f);
  }

  @Test
  void aDirectoryWithNothingToCheckIsAWarningNotASilentPass() throws Exception {
    Files.writeString(dir.resolve("prometheus.yml"), "scrape_configs: []\n");
    List<String> f = findings(dir);
    assertEquals(
        List.of(
            "warning: "
                + dir
                + ": no alert rules (*.yml with groups) or dashboards (*.json) found"),
        f);
  }

  @Test
  void brokenFilesAreErrorsWithTheirLine() throws Exception {
    Files.writeString(dir.resolve("ok.yml"), "groups: []\n");
    Files.writeString(dir.resolve("bad.yml"), "groups:\n  - name: [x\n");
    Files.writeString(dir.resolve("bad.json"), "{\n\"panels\": [}\n");
    List<String> f = findings(dir);
    assertEquals(2, f.size(), f.toString());
    assertTrue(f.get(0).startsWith("error: bad.json:2: not valid JSON: "), f.get(0));
    assertTrue(f.get(1).startsWith("error: bad.yml:2: not valid YAML: "), f.get(1));
  }

  @Test
  void labelsACatalogMetricLacksAreErrorsInMatchersAndGrouping() throws Exception {
    Files.writeString(
        dir.resolve("alerts.yml"),
        """
        groups:
          - name: app
            rules:
              - alert: WrongMatcher
                expr: sum(rate(llm_requests_total{job="backend",result="failure"}[5m])) > 0
              - alert: WrongGrouping
                expr: sum by (provider) (rate(llm_requests_total[5m])) > 0
              - alert: Fine
                expr: |
                  sum by (model) (rate(llm_requests_total{status="failure"}[5m]))
                    / on (model) (sum by (model) (rate(llm_requests_total[5m])) > 0) > 0.1
              - alert: BucketsHaveLe
                expr: histogram_quantile(0.95, sum by (le) (rate(llm_request_duration_seconds_bucket{model="x"}[5m]))) > 1
              - alert: WrongJob
                expr: rate(auth_failures_total{job="node"}[5m]) > 1
              - alert: TextfileOnNode
                expr: maiis_ssl_renewal_result{job="node",result="failed"} == 1
              - alert: ExporterLabelsAreNotDeclared
                expr: sum by (datname) (pg_stat_database_deadlocks{datname!~"template.*"}) > 0
        """);
    List<String> f = findings(dir);
    assertEquals(
        List.of(
            "error: alerts.yml: alert WrongMatcher: llm_requests_total has no label result (it has"
                + " model, status, job, instance)",
            "error: alerts.yml: alert WrongGrouping: by (provider): no metric of the expression has"
                + " label provider",
            "error: alerts.yml: alert WrongJob: auth_failures_total is not scraped by job node (it"
                + " comes from job backend)"),
        f);
  }

  /** What maiis renders passes its own check: every label it reads exists. */
  @Test
  void theRenderedProductionRulesAndDashboardsPass() throws Exception {
    Path rendered = Path.of("src/test/resources/render/monitoring/production");
    assertEquals(List.of(), findings(rendered));
  }

  /** The check's findings on {@code rules}, as the CLI prints them. */
  private static List<String> findings(Path rules) throws Exception {
    return new RuleMetricCheck(MetricCatalog.standard())
        .check(rules).stream().map(Finding::toString).toList();
  }
}
