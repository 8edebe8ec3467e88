package org.maiis.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.cli.MaiisYaml;
import org.maiis.config.ConfigLoader;
import org.maiis.render.nginx.NginxArtifact;
import org.maiis.render.nginx.NginxRuntime;
import org.maiis.render.output.Templates;

class ConfigRenderCommandTest {
  @TempDir Path tmp;

  /** {@code maiis config render -c C ARGS...}, in process. */
  private static CliRun render(Path c, String... args) {
    return CliRun.of(List.of("config", "render", "-c", c.toString()), args);
  }

  @Test
  void writesTheNginxTreeWithPublicPermissions() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\nsite: {domain: bank.example.com}\n");
    Path out = tmp.resolve("out");
    CliRun run = render(c, "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.out());
    var expected =
        new NginxArtifact(NginxRuntime.SYSTEM)
            .render(new ConfigLoader(k -> null).load(c), Templates.builtIn());
    for (String path : expected.paths()) {
      assertEquals(expected.text(path), Files.readString(out.resolve(path)), path);
      assertEquals(
          "rw-r--r--",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(path))));
      assertTrue(run.err().contains("wrote " + out.resolve(path)), run.err());
    }
    assertTrue(Files.readString(out.resolve("nginx/nginx.conf")).contains("bank.example.com"));
  }

  @Test
  void privatePrefixKeepsNginxFilesInsideItsPrefix() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    CliRun system = render(c, "--stdout", "nginx");
    CliRun local = render(c, "--stdout", "nginx", "--private-prefix");
    assertEquals(0, local.exitCode(), local.err());
    assertTrue(system.out().contains("pid /run/nginx.pid;"), system.out());
    assertTrue(system.out().contains("\nuser www-data;"), system.out());
    assertTrue(local.out().contains("pid nginx.pid;"), local.out());
    assertTrue(local.out().contains("proxy_temp_path proxy_temp;"), local.out());
    assertFalse(local.out().contains("\nuser "), local.out());
    assertFalse(local.out().contains("/var/log/nginx"), local.out());
  }

  @Test
  void diffShowsNewFilesAndWritesNothing() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    Path out = Files.createDirectories(tmp.resolve("out"));
    CliRun run = render(c, "--out", out.toString(), "--diff");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("--- /dev/null\n+++ b/nginx/nginx.conf\n"), run.out());
    assertTrue(run.out().contains("+        listen 0.0.0.0:443 ssl http2;\n"), run.out());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void diffShowsOnlyWhatChanged() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    Path out = tmp.resolve("out");
    assertEquals(0, render(c, "--out", out.toString()).exitCode());
    CliRun same = render(c, "--out", out.toString(), "--diff");
    assertEquals("", same.out());
    assertTrue(same.err().contains("up to date"), same.err());

    Files.writeString(c, "version: 1\nnginx: {body_limits: {default: 5m}}\n");
    CliRun changed = render(c, "--out", out.toString(), "--diff");
    assertEquals(
        List.of(
            "--- a/nginx/nginx.conf",
            "+++ b/nginx/nginx.conf",
            "-        client_max_body_size 10m;",
            "+        client_max_body_size 5m;"),
        changed.out().lines().filter(l -> l.startsWith("-") || l.startsWith("+")).toList());
    assertTrue(
        Files.readString(out.resolve("nginx/nginx.conf")).contains("client_max_body_size 10m;"));
  }

  @Test
  void printsOneFileToStdout() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    CliRun main = render(c, "--stdout", "nginx");
    assertEquals(0, main.exitCode(), main.err());
    assertTrue(main.out().startsWith("# nginx front for localhost"), main.out());
    assertEquals("", main.err());
    CliRun snippet = render(c, "--stdout", "nginx/snippets/tls.conf");
    assertTrue(snippet.out().startsWith("# Mozilla intermediate profile"), snippet.out());
  }

  @Test
  void usesAnOverriddenTemplate() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    Path templates = Files.createDirectories(tmp.resolve("templates/nginx/snippets"));
    Files.writeString(
        templates.resolve("security-headers.conf.mustache"),
        "add_header Content-Security-Policy \"{{headers.csp}}\" always;\n");
    CliRun run =
        render(
            c,
            "--templates",
            tmp.resolve("templates").toString(),
            "--stdout",
            "nginx/snippets/security-headers.conf");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("add_header Content-Security-Policy \"default-src 'self';"));
    assertEquals(1, run.out().lines().count());
  }

  @Test
  void aBrokenTemplateFailsInOneLineAndWritesNothing() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    Path templates = Files.createDirectories(tmp.resolve("templates/nginx/snippets"));
    Files.writeString(templates.resolve("tls.conf.mustache"), "ssl_protocols {{tls.protocolz}};\n");
    Path out = tmp.resolve("out");
    CliRun run =
        render(c, "--templates", tmp.resolve("templates").toString(), "--out", out.toString());
    assertEquals(1, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(
        run.err().startsWith("maiis config render: template nginx/snippets/tls.conf.mustache: "),
        run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void rejectsUnknownArtifactsAndMissingOutput() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\n");
    // Under the temp dir: a relative --out once rendered into the module directory when the
    // artifact name became valid (the stray maiis-cli/x/ tree).
    Path out = tmp.resolve("x");
    CliRun unknown = render(c, "--only", "grafna", "--out", out.toString());
    assertEquals(2, unknown.exitCode());
    assertEquals(
        "maiis config render: unknown artifact 'grafna' (known: nginx, prometheus, alerts,"
            + " alertmanager, blackbox, mtail, grafana, compose). See 'maiis config render"
            + " --help'.\n",
        unknown.err());
    assertFalse(Files.exists(out));
    CliRun noOut = render(c);
    assertEquals(2, noOut.exitCode());
  }

  @Test
  void anInvalidConfigExits3() throws Exception {
    Path c = MaiisYaml.write(tmp, "version: 1\nnginx: {csp: \"default-src $x\"}\n");
    CliRun run = render(c, "--stdout", "nginx");
    assertEquals(3, run.exitCode(), run.err());
    assertTrue(run.err().contains("nginx.csp"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void withoutAConfigFileItFailsAsValidateDoes() {
    Path out = tmp.resolve("nothing");
    CliRun render = CliRun.of("config", "render", "--out", out.toString());
    CliRun validate = CliRun.of("config", "validate");
    assertEquals(3, render.exitCode(), render.err());
    assertEquals(validate.exitCode(), render.exitCode());
    assertEquals(validate.err(), render.err());
    assertEquals("maiis.yaml: no such file\n", render.err());
    assertFalse(Files.exists(out));
  }
}
