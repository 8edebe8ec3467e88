package org.maiis.render.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.process.ProcessRunner;
import org.maiis.render.alertmanager.AlertmanagerRenderer;
import org.maiis.render.prometheus.PrometheusConfigRenderer;
import org.maiis.render.prometheus.RuleFiles;
import org.maiis.testing.ExternalTools;

/**
 * The rendered monitoring files pass the real tools: promtool, amtool, mtail, blackbox_exporter.
 */
class MonitoringToolsTest {
  @TempDir Path dir;
  private final ProcessRunner runner = new ProcessRunner(Duration.ofMinutes(1));

  static MaiisConfig production() {
    return new ConfigLoader(k -> null).load(Path.of("../examples/production.yaml"));
  }

  private void write(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
  }

  private ProcessRunner.Result run(String... command) throws IOException {
    return runner.run(List.of(command));
  }

  /** promtool check config of {@code config} rendered, with {@code flags} before the file. */
  private ProcessRunner.Result checkConfig(MaiisConfig config, String... flags) throws IOException {
    Path promtool = ExternalTools.SYSTEM.require("promtool", "prometheus");
    write(MonitoringRenderer.renderAll(config));
    List<String> command =
        new java.util.ArrayList<>(List.of(promtool.toString(), "check", "config"));
    command.addAll(List.of(flags));
    command.add(dir.resolve(PrometheusConfigRenderer.PATH).toString());
    ProcessRunner.Result r = runner.run(command);
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    return r;
  }

  @Test
  void prometheusAcceptsTheConfigAndTheRuleGlobMatches() throws IOException {
    // The production example names secret files that only exist on the server: check syntax here.
    checkConfig(production(), "--syntax-only");
    List<Path> rules =
        RuleFiles.matching(dir.resolve("prometheus"), PrometheusConfigRenderer.RULES_GLOB);
    assertTrue(rules.size() > 5, "rule_files glob matches the rendered rules: " + rules);
    assertTrue(rules.stream().noneMatch(p -> p.toString().contains("/tests/")), "tests not loaded");
  }

  @Test
  void prometheusChecksEveryReferencedFileOfTheDefaultConfig() throws IOException {
    ProcessRunner.Result r = checkConfig(new ConfigLoader(k -> null).defaults());
    assertTrue(r.stdout().contains("rule files found"), r.stdout());
  }

  @Test
  void alertmanagerAcceptsTheConfigAndRoutesBySeverity() throws IOException {
    Path amtool = ExternalTools.SYSTEM.require("amtool", "prometheus-alertmanager");
    write(AlertmanagerRenderer.render(production()));
    String file = dir.resolve(AlertmanagerRenderer.PATH).toString();
    ProcessRunner.Result check = run(amtool.toString(), "check-config", file);
    assertEquals(0, check.exitCode(), check.stdout() + check.stderr());
    for (String severity : List.of("critical", "warning", "info")) {
      ProcessRunner.Result route =
          run(
              amtool.toString(),
              "config",
              "routes",
              "test",
              "--config.file=" + file,
              "severity=" + severity,
              "alertname=X");
      assertEquals(severity, route.stdout().strip(), route.stderr());
    }
  }

  @Test
  void mtailCompilesTheNginxProgram() throws IOException {
    Path mtail = ExternalTools.SYSTEM.require("mtail", "mtail");
    write(MonitoringRenderer.renderAll(production()));
    ProcessRunner.Result r =
        run(
            mtail.toString(),
            "--compile_only",
            "--progs",
            dir.resolve("mtail").toString(),
            "--logtostderr");
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
  }

  @Test
  void blackboxExporterAcceptsTheModules() throws IOException {
    Path blackbox =
        ExternalTools.SYSTEM.require(
            "prometheus-blackbox-exporter", "prometheus-blackbox-exporter");
    write(MonitoringRenderer.renderAll(production()));
    ProcessRunner.Result r =
        run(
            blackbox.toString(),
            "--config.check",
            "--config.file=" + dir.resolve("blackbox/blackbox.yml"));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
  }

  @Test
  void sameConfigSameBytes() {
    assertEquals(
        MonitoringRenderer.renderAll(production()), MonitoringRenderer.renderAll(production()));
  }
}
