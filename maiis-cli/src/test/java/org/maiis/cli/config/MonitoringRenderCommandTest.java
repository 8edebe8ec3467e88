package org.maiis.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;

/** The monitoring artifacts through the real command line. */
class MonitoringRenderCommandTest {
  @TempDir Path dir;

  @Test
  void onlyTheNamedArtifactsAreWritten() {
    CliRun run =
        CliRun.of(
            "config",
            "render",
            "-c",
            "../examples/production.yaml",
            "--only",
            "prometheus,alertmanager",
            "--out",
            dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.exists(dir.resolve("prometheus/prometheus.yml")));
    assertTrue(Files.exists(dir.resolve("alertmanager/alertmanager.yml")));
    assertTrue(!Files.exists(dir.resolve("nginx")), "nginx was not asked for");
    assertTrue(!Files.exists(dir.resolve("prometheus/rules")), "alerts were not asked for");
  }

  @Test
  void stdoutPrintsOneFile() {
    CliRun run =
        CliRun.of(
            "config", "render", "-c", "../examples/production.yaml", "--stdout", "alertmanager");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("receiver: critical"), run.out());
    assertTrue(
        run.out().contains("routing_key_file: /run/secrets/pagerduty_routing_key"), run.out());
  }

  @Test
  void everyFileTheComposeFileMountsIsRendered() {
    CliRun run =
        CliRun.of("config", "render", "-c", "../examples/production.yaml", "--out", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    String compose =
        CliRun.of("config", "render", "-c", "../examples/production.yaml", "--stdout", "compose")
            .out();
    for (String mount :
        new String[] {
          "prometheus",
          "alertmanager",
          "grafana/provisioning",
          "grafana/dashboards",
          "blackbox/blackbox.yml",
          "mtail"
        }) {
      assertTrue(compose.contains("../" + mount + ":"), mount + " mounted");
      assertTrue(Files.exists(dir.resolve(mount)), mount + " rendered");
    }
  }

  @Test
  void disablingAJobRemovesItsRuleFilesOnTheNextRender() throws Exception {
    Path all = dir.resolve("all.yaml");
    Path none = dir.resolve("none.yaml");
    Files.writeString(all, "version: 1\n");
    Files.writeString(
        none,
        "monitoring:\n  jobs:\n    backend: {enabled: false}\n"
            + "    prometheus: {enabled: false}\n    alertmanager: {enabled: false}\n");
    Path out = dir.resolve("out");
    assertEquals(
        0, CliRun.of("config", "render", "-c", all.toString(), "--out", "" + out).exitCode());
    Path apiRules = out.resolve("prometheus/rules/maiis-api.yml");
    assertTrue(Files.exists(apiRules));

    CliRun diff = CliRun.of("config", "render", "-c", none.toString(), "--out", "" + out, "--diff");
    assertTrue(
        diff.out().contains("--- a/prometheus/rules/maiis-api.yml\n+++ /dev/null\n"), diff.out());
    assertTrue(Files.exists(apiRules), "--diff writes nothing");

    CliRun run = CliRun.of("config", "render", "-c", none.toString(), "--out", "" + out);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(!Files.exists(apiRules), "Prometheus loads rules/*.yml: a stale file stays loaded");
    assertTrue(run.err().contains("removed " + apiRules + " (no longer rendered)"), run.err());
    assertTrue(Files.exists(out.resolve("prometheus/rules/maiis-recording.yml")));
  }

  @Test
  void renderHelpNamesEveryArtifact() {
    CliRun help = CliRun.of("config", "render", "--help");
    for (String name : org.maiis.render.Artifacts.standard().names()) {
      assertTrue(help.out().contains(name), name + " in: " + help.out());
    }
    assertTrue(!help.out().contains("known: nginx)"), help.out());
  }
}
