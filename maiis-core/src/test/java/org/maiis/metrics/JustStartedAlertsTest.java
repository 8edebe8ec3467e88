package org.maiis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.config.MonitoringConfig;
import org.maiis.process.ProcessRunner;
import org.maiis.render.monitoring.MonitoringRenderer;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.TestConfigs;

/**
 * The just-started case of every rendered alert, in promtool: an API that has just registered its
 * metrics (every closed-label counter at 0, no traffic yet, an empty connection pool) and every
 * target up. No alert may fire, at any point of the first half hour: the ratio alerts divide 0 by
 * 0, the rate alerts see zero rates. (Each alert's own test shows it firing across its threshold.)
 */
class JustStartedAlertsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String APP = "job=\"backend\",instance=\"app-1:8000\"";

  @Test
  void noAlertFiresOnAJustStartedStack(@TempDir Path dir) throws IOException {
    Path promtool = ExternalTools.SYSTEM.require("promtool", "prometheus");
    MaiisConfig config = new ConfigLoader(k -> null).parse("t.yaml", TestConfigs.EVERY_SOURCE);
    List<String> ruleFiles = new ArrayList<>();
    List<String> alerts = new ArrayList<>();
    for (Map.Entry<String, String> f : MonitoringRenderer.renderAll(config).entrySet()) {
      if (!f.getKey().startsWith("prometheus/rules/")) {
        continue;
      }
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
      ruleFiles.add(p.toString());
      for (JsonNode rule : YAML.readTree(f.getValue()).path("groups").findValues("rules")) {
        rule.forEach(r -> alerts.add(r.path("alert").asText("")));
      }
    }
    alerts.removeIf(a -> a.isEmpty() || a.equals("Watchdog")); // Watchdog always fires

    List<Map<String, String>> input = new ArrayList<>();
    // Every target up, but Prometheus' own (which would make the Watchdog fire).
    MonitoringConfig.KNOWN_JOBS.keySet().stream()
        .filter(job -> !job.equals("prometheus"))
        .forEach(job -> input.add(series("up{job=\"" + job + "\",instance=\"h:1\"}", "1x40")));
    for (MetricSpec spec : MetricCatalog.standard().metrics()) {
      for (String[] values : KnownLabelSets.of(spec)) {
        StringBuilder sel = new StringBuilder(spec.name()).append('{').append(APP);
        for (int i = 0; i < values.length; i++) {
          sel.append(',').append(spec.labels().get(i).name()).append("=\"").append(values[i]);
          sel.append('"');
        }
        input.add(series(sel.append('}').toString(), "0x40"));
      }
    }
    input.add(series("db_connections_active{" + APP + "}", "0x40"));
    input.add(series("db_connections_idle{" + APP + "}", "0x40"));
    // A renewal ran at the start: the renewal alerts have their series.
    input.add(
        series(
            CertificateMetrics.LAST_ATTEMPT_TIMESTAMP
                + "{job=\"node\",instance=\"h:1\",lineage=\"x\"}",
            "0x40"));
    assertTrue(input.size() > 40, "initialised series: " + input.size());

    List<Map<String, Object>> checks = new ArrayList<>();
    for (String at : List.of("1m", "5m", "30m")) {
      alerts.forEach(
          a -> checks.add(Map.of("eval_time", at, "alertname", a, "exp_alerts", List.of())));
    }
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("rule_files", ruleFiles);
    test.put("evaluation_interval", "1m");
    test.put(
        "tests",
        List.of(
            Map.of(
                "name",
                "just started",
                "interval",
                "1m",
                "input_series",
                input,
                "alert_rule_test",
                checks)));
    Path file = dir.resolve("just-started.test.yml");
    YAML.writeValue(file.toFile(), test);

    ProcessRunner.Result r =
        new ProcessRunner(Duration.ofMinutes(2))
            .run(List.of(promtool.toString(), "test", "rules", file.toString()));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(alerts.size() > 40, "alerts checked: " + alerts.size());
  }

  private static Map<String, String> series(String selector, String values) {
    return Map.of("series", selector, "values", values);
  }
}
