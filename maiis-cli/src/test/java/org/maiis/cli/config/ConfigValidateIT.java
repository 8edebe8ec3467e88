package org.maiis.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.cli.MaiisYaml;
import org.maiis.testing.ExternalTools;

/** {@code maiis config validate} with the real nginx: nginx -t in a private prefix. */
class ConfigValidateIT {
  @TempDir Path tmp;

  /** {@code maiis config validate -c C --templates TMP/templates}. */
  private CliRun validateWithTemplates(Path c) {
    return CliRun.of(
        "config",
        "validate",
        "-c",
        c.toString(),
        "--templates",
        tmp.resolve("templates").toString());
  }

  @Test
  void runsNginxTOnTheRenderedTree() throws Exception {
    ExternalTools.SYSTEM.require("nginx", "nginx");
    Path c = MaiisYaml.write(tmp, "version: 1\nsite: {domain: bank.example.com}\n");
    CliRun run = CliRun.of("config", "validate", "-c", c.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(c + ": valid\n", run.out());
    assertTrue(run.err().startsWith("note: nginx -t passed ("), run.err());
  }

  @Test
  void anAddressNothingListensOnExits3InOneLine() throws Exception {
    Path c =
        MaiisYaml.write(
            tmp,
            "version: 1\n"
                + "monitoring:\n"
                + "  jobs:\n"
                + "    backend: {targets: [\"10.0.1.11:8000\"]}\n"
                + "server: {listen: 127.0.0.1:8000}\n");
    CliRun run = CliRun.of("config", "validate", "-c", c.toString());
    assertEquals(3, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertEquals(
        c
            + ":4:25: monitoring.jobs.backend.targets[0]: 10.0.1.11:8000 cannot reach the API:"
            + " server.listen 127.0.0.1:8000 takes connections from its own host only"
            + " (server.listen 0.0.0.0:8000, or a loopback target)\n",
        run.err());
  }

  @Test
  void reportsWhatNginxRejectsWithExit4() throws Exception {
    ExternalTools.SYSTEM.require("nginx", "nginx");
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    Path templates = Files.createDirectories(tmp.resolve("templates/nginx/snippets"));
    Files.writeString(
        templates.resolve("proxy.conf.mustache"), "proxy_http_version 1.1;\nproxy_buffring off;\n");
    CliRun run = validateWithTemplates(c);
    assertEquals(4, run.exitCode(), run.err());
    assertEquals(1, run.err().lines().filter(l -> !l.startsWith("note: ")).count(), run.err());
    assertTrue(
        run.err()
            .contains(
                "nginx/snippets/proxy.conf:2: nginx -t: [emerg] unknown directive \"proxy_buffring\""),
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void builtInChecksCatchHeadersLostThroughAddHeaderInheritance() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    Path templates = Files.createDirectories(tmp.resolve("templates/nginx"));
    String main =
        new String(
            ConfigValidateIT.class
                .getClassLoader()
                .getResourceAsStream("templates/nginx/nginx.conf.mustache")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    // The seed's defect: a location with its own add_header and no security headers.
    String broken =
        main.replace(
            "        location ^~ /metrics {\n            include snippets/security-headers.conf;\n",
            "        location ^~ /metrics {\n            add_header Cache-Control no-store;\n");
    Files.writeString(templates.resolve("nginx.conf.mustache"), broken);
    CliRun run = validateWithTemplates(c);
    assertEquals(4, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "nginx/nginx\\.conf:\\d+: location \\^~ /metrics does not send"
                            + " strict-transport-security, .*")),
        run.err());
  }
}
