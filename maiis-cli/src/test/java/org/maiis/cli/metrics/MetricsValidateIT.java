package org.maiis.cli.metrics;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.MaiisMetrics;
import org.maiis.server.metrics.MetricsPlugin;

/** {@code maiis metrics validate} against a real instrumented Javalin app and bad inputs. */
class MetricsValidateIT {
  private static Javalin app;
  private static String metricsUrl;

  @BeforeAll
  static void start() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics metrics =
        MaiisMetrics.register(registry, new BuildInfo("0.1.0", "test"), Path.of("."));
    MaiisMetrics.registerJvm(registry);
    app =
        Javalin.create(
                cfg -> {
                  cfg.registerPlugin(new MetricsPlugin(registry, metrics.http()));
                  cfg.routes.get("/api/banking/accounts/{id}", ctx -> ctx.result("ok"));
                })
            .start("127.0.0.1", 0);
    String base = "http://127.0.0.1:" + app.port();
    HttpClient client = HttpClient.newHttpClient();
    for (String path :
        new String[] {"/api/banking/accounts/17", "/api/banking/accounts/18", "/x/99"}) {
      client.send(
          HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.discarding());
    }
    metricsUrl = base + "/metrics";
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  @Test
  void passesOnTheInstrumentedApp() {
    CliRun r = CliRun.of("metrics", "validate", "--url", metricsUrl);
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertFalse(r.out().contains("error:"), r.out());
    assertTrue(r.out().strip().endsWith("warnings"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void failsWithExit4OnABadExposition(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(
        bad,
        """
        # HELP http_requests_total Requests.
        # TYPE http_requests_total counter
        http_requests_total{method="GET",endpoint="/api/banking/accounts/12345",status="200"} 1
        # HELP upload_size_kilobytes Size.
        # TYPE upload_size_kilobytes gauge
        upload_size_kilobytes 3
        """);
    CliRun r = CliRun.of("metrics", "validate", "--file", bad.toString());
    assertEquals(4, r.exitCode(), r.out());
    assertTrue(
        r.out()
            .contains(
                "error: http_requests_total: label endpoint has a raw id in a path (use the route"
                    + " template) (line 3)"),
        r.out());
    assertTrue(
        r.out().contains("error: upload_size_kilobytes: not in the metric catalog"), r.out());

    CliRun j = CliRun.of("metrics", "validate", "--file", bad.toString(), "--json");
    assertEquals(4, j.exitCode());
    JsonNode doc = new ObjectMapper().readTree(j.out());
    assertEquals(3, doc.get("errors").asInt(), j.out());
    assertEquals("error", doc.get("findings").get(0).get("severity").asText());
  }

  @Test
  void checksRulesAgainstTheCatalogAndExporters(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("alerts.yml"),
        """
        groups:
          - name: g
            rules:
              - alert: Errors
                expr: rate(http_requests_total{status=~"5.."}[5m]) > 1
              - alert: Disk
                expr: node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1
        """);
    assertEquals(0, CliRun.of("metrics", "validate", "--rules", dir.toString()).exitCode());
    Files.writeString(
        dir.resolve("more.yml"),
        """
        groups:
          - name: g
            rules:
              - alert: Nothing
                expr: ollama_requests_total > 1
        """);
    CliRun r = CliRun.of("metrics", "validate", "--rules", dir.toString());
    assertEquals(4, r.exitCode());
    assertTrue(
        r.out()
            .startsWith(
                "error: more.yml: alert Nothing: ollama_requests_total is neither in the metric"
                    + " catalog nor exported by a declared exporter\n"),
        r.out());
  }

  @Test
  void reportsUnreachableUrlsAndMissingSourcesInOneLine() {
    CliRun r = CliRun.of("metrics", "validate", "--url", "http://127.0.0.1:1/metrics");
    assertEquals(1, r.exitCode());
    assertTrue(
        r.err().startsWith("maiis metrics validate: http://127.0.0.1:1/metrics: cannot scrape"),
        r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    CliRun none = CliRun.of("metrics", "validate");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("give --url, --file or --rules"), none.err());
  }
}
