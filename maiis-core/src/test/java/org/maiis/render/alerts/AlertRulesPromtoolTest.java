package org.maiis.render.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.TestConfigs;

/**
 * Every alert is real PromQL that fires at its threshold after its 'for' and stays silent below.
 */
class AlertRulesPromtoolTest {
  static final String JOBS = TestConfigs.EVERY_JOB;
  static final String SERVER = TestConfigs.REMOTE_AI;
  static final String ALL_JOBS = TestConfigs.EVERY_SOURCE;

  private final ProcessRunner runner = new ProcessRunner(Duration.ofMinutes(2));

  static MaiisConfig config(String yaml) {
    return new ConfigLoader(k -> null).parse("test.yaml", yaml);
  }

  @Test
  void moreThanFortyAlertsEachWithSeverityTextAndRunbook() {
    List<AlertRule> all = AlertCatalog.all(config(ALL_JOBS));
    assertTrue(all.size() >= 40, "alerts: " + all.size());
    Set<String> names = new HashSet<>();
    for (AlertRule r : all) {
      assertTrue(names.add(r.name()), "duplicate " + r.name());
      assertTrue(!r.summary().contains("{{"), r.name() + ": summary must be static");
      assertTrue(r.description().contains("{{"), r.name() + ": description must be templated");
      assertTrue(!r.metrics().isEmpty() && !r.sources().isEmpty(), r.name());
      assertTrue(!r.fixture().firing().isEmpty() && !r.fixture().quiet().isEmpty(), r.name());
    }
    assertEquals(all.size(), AlertCatalog.enabled(config(ALL_JOBS)).size(), "every source enabled");
  }

  @Test
  void defaultConfigRendersOnlyAlertsWithALiveSource() {
    List<String> names = AlertCatalog.enabled(config("{}")).stream().map(AlertRule::name).toList();
    assertTrue(names.contains("HighAPIErrorRate"));
    assertTrue(!names.contains("PostgreSQLDown"), "postgres is not scraped by default");
    assertTrue(!names.contains("HighCPUUsage"), "node exporter is not scraped by default");
  }

  @Test
  void promtoolAcceptsTheRulesAndEveryAlertTestPasses(@TempDir Path dir) throws IOException {
    Path promtool = ExternalTools.SYSTEM.require("promtool", "prometheus");
    assertPromtoolPasses(promtool, dir, config(ALL_JOBS));
  }

  @Test
  void thresholdsFromTheConfigAreTheOnesTested(@TempDir Path dir) throws IOException {
    Path promtool = ExternalTools.SYSTEM.require("promtool", "prometheus");
    MaiisConfig tuned =
        config(
            "monitoring:\n"
                + JOBS
                + """
                  alerts:
                    HighCPUUsage: {threshold: 0.6, for: 10m}
                    SlowAPIResponseTime: {threshold: 0.5}
                    SSLCertificateExpiringSoon: {threshold: 0.25, for: 2h}
                    HighExternalAPIUsage: {threshold: 50}
                """
                + SERVER);
    Map<String, String> files = assertPromtoolPasses(promtool, dir, tuned);
    String alerts = files.get(AlertRulesRenderer.rulesFile("resources"));
    assertTrue(alerts.contains("[5m])) > 0.6"), "CPU threshold from config");
    assertTrue(alerts.contains("for: 10m"), "CPU for from config");
  }

  private Map<String, String> assertPromtoolPasses(Path promtool, Path dir, MaiisConfig config)
      throws IOException {
    Map<String, String> files = AlertRulesRenderer.render(config);
    List<String> check = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
    List<String> test = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
      (f.getKey().contains("/tests/") ? test : check).add(p.toString());
    }
    ProcessRunner.Result checked = runner.run(check);
    assertEquals(0, checked.exitCode(), checked.stdout() + checked.stderr());
    ProcessRunner.Result tested = runner.run(test);
    assertEquals(0, tested.exitCode(), tested.stdout() + tested.stderr());
    assertTrue(tested.stdout().contains("SUCCESS"), tested.stdout());
    return files;
  }
}
