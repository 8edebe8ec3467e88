package org.maiis.server.metrics;

import static org.junit.jupiter.api.Assertions.*;

import io.javalin.Javalin;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.Finding;
import org.maiis.metrics.MaiisMetrics;
import org.maiis.metrics.MetricCatalog;
import org.maiis.metrics.MetricsValidation;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;

/** A real Javalin app with the plugin on a loopback port, driven over HTTP and scraped. */
class MetricsPluginIT {
  private static Javalin app;
  private static final HttpClient client = HttpClient.newHttpClient();
  private static String base;

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
                  cfg.routes.get(
                      "/api/banking/accounts/{id}",
                      ctx -> ctx.result("account " + ctx.pathParam("id")));
                  cfg.routes.post("/api/auth/login", ctx -> ctx.status(401).result("no"));
                  cfg.routes.get(
                      "/api/banking/transfer/{id}",
                      ctx -> {
                        throw new io.javalin.http.BadRequestResponse("amount must be positive");
                      });
                  cfg.routes.get(
                      "/api/boom",
                      ctx -> {
                        throw new IllegalStateException("kaput");
                      });
                })
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
    for (int id : List.of(1, 2, 3, 42, 9001)) {
      assertEquals(200, get("/api/banking/accounts/" + id).statusCode());
    }
    assertEquals(
        401,
        client
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.c\"}"))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode());
    assertEquals(500, get("/api/boom").statusCode());
    assertEquals(400, get("/api/banking/transfer/5").statusCode());
    assertEquals(404, get("/wp-admin/1234/setup.php").statusCode());
    assertEquals(404, get("/api/banking/accounts/7/nothing").statusCode());
    // Javalin records a request just after its response is sent: wait (bounded) for the last one.
    scrapeUntil(LAST_RECORDED);
  }

  // Javalin counts a request (and its in-progress gauge down) just after sending its response, so
  // a scrape right after a request may not show it yet: scrape until it does (bounded).
  private static String scrapeUntil(String sample) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    String text = get("/metrics").body();
    while (!text.contains(sample)) {
      assertTrue(System.nanoTime() < deadline, "no " + sample + " in:\n" + text);
      Thread.sleep(50);
      text = get("/metrics").body();
    }
    return text;
  }

  private static final String LAST_RECORDED =
      "http_requests_total{endpoint=\"not_found\",method=\"GET\",status=\"404\"} 2";

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void labelsByRouteTemplateAndNeverByRawPath() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    // The scrape itself is in progress while it renders (once earlier ones are counted down).
    String text = scrapeUntil("http_requests_in_progress{method=\"GET\"} 1");
    assertTrue(
        text.contains(
            "http_requests_total{endpoint=\"/api/banking/accounts/{id}\",method=\"GET\",status=\"200\"} 5"),
        text);
    assertTrue(
        text.contains(
            "http_requests_total{endpoint=\"/api/auth/login\",method=\"POST\",status=\"401\"} 1"),
        text);
    assertTrue(
        text.contains(
            "http_requests_total{endpoint=\"not_found\",method=\"GET\",status=\"404\"} 2"),
        text);
    assertTrue(
        text.contains(
            "http_exceptions_total{endpoint=\"/api/boom\",exception_type=\"IllegalStateException\","
                + "method=\"GET\"} 1"),
        text);
    assertTrue(
        text.contains(
            "http_request_size_bytes_sum{endpoint=\"/api/auth/login\",method=\"POST\"} 17.0"),
        text);
    assertTrue(
        text.contains(
            "http_response_size_bytes_sum{endpoint=\"/api/banking/accounts/{id}\",method=\"GET\"}"),
        text);
    assertFalse(text.contains("BadRequestResponse"), "a 4xx is not an exception: " + text);
    assertTrue(
        text.contains(
            "http_requests_total{endpoint=\"/api/banking/transfer/{id}\",method=\"GET\",status=\"400\"} 1"),
        text);
    // Only label values are searched: sample values (durations, sizes) may contain any digits.
    String labels = labelSets(text);
    for (String raw : List.of("9001", "/42", "wp-admin", "setup.php", "accounts/7")) {
      assertFalse(labels.contains(raw), raw + " leaked into a label: " + labels);
    }
  }

  @Test
  void theExpositionMatchesTheCatalog() throws Exception {
    List<Finding> findings =
        MetricsValidation.check("/metrics", get("/metrics").body(), MetricCatalog.standard(), 1000);
    assertFalse(MetricsValidation.hasErrors(findings), findings.toString());
  }

  @Test
  void servesOpenMetricsWhenAskedAndGzipWhenAsked() throws Exception {
    HttpResponse<String> om =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertTrue(
        om.headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/openmetrics-text"));
    assertTrue(om.body().contains("# TYPE http_requests counter"), om.body());
    assertTrue(om.body().endsWith("# EOF\n"));

    HttpResponse<byte[]> gz =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
    String unzipped =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertTrue(unzipped.contains("# TYPE http_requests_total counter"));
  }

  @Test
  void promtoolAcceptsTheExposition(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.SYSTEM.require("promtool", "prometheus");
    byte[] exposition = get("/metrics").body().getBytes(StandardCharsets.UTF_8);
    ProcessRunner.Result result =
        new ProcessRunner(Duration.ofSeconds(30))
            .run(List.of(promtool.toString(), "check", "metrics"), dir, Map.of(), exposition);
    assertTrue(result.ok(), result.stdout() + result.stderr());
  }

  /** The label set of every sample line (between its first `{` and last `}`), one per line. */
  private static String labelSets(String exposition) {
    StringBuilder out = new StringBuilder();
    for (String line : exposition.split("\n")) {
      int open = line.indexOf('{');
      if (!line.startsWith("#") && open >= 0) {
        out.append(line, open, line.lastIndexOf('}') + 1).append('\n');
      }
    }
    return out.toString();
  }
}
