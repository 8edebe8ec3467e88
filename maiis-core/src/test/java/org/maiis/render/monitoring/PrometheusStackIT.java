package org.maiis.render.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;

/**
 * A real Prometheus and Alertmanager run the rendered files against an app that serves metrics:
 * every target is up, every rule group evaluates without error, the API error-rate alert goes
 * pending when 5xx responses are induced, and the Watchdog reaches a webhook through Alertmanager.
 */
class PrometheusStackIT {
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private HttpServer app;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void stop() throws InterruptedException {
    processes.forEach(Process::destroy);
    // Wait for them: a process still writing into the temp dir (Alertmanager's storage on its way
    // out) would make its cleanup fail.
    for (Process p : processes) {
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    if (app != null) {
      app.stop(0);
    }
  }

  @Test
  void rulesLoadTargetsAreUpAndInducedErrorsMakeTheAlertPending() throws Exception {
    Path prometheus = ExternalTools.SYSTEM.require("prometheus", "prometheus");
    Path alertmanager =
        ExternalTools.SYSTEM.require("prometheus-alertmanager", "prometheus-alertmanager");
    int appPort = startApp();
    int promPort = LoopbackPorts.free();
    int amPort = LoopbackPorts.free();
    MaiisConfig config =
        new ConfigLoader(k -> null)
            .parse(
                "it.yaml",
                """
                nginx:
                  upstreams: [{server: "127.0.0.1:%1$d"}]
                monitoring:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                  jobs:
                    prometheus: {targets: ["127.0.0.1:%2$d"]}
                    alertmanager: {targets: ["127.0.0.1:%3$d"]}
                    backend: {targets: ["127.0.0.1:%1$d"]}
                  alerts:
                    Watchdog: {for: 1s}
                  receivers:
                    webhook: {url: "http://127.0.0.1:%1$d/hook"}
                """
                    .formatted(appPort, promPort, amPort));
    for (Map.Entry<String, String> f : MonitoringRenderer.renderAll(config).entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    start(
        dir.resolve("alertmanager.log"),
        alertmanager.toString(),
        "--config.file=" + dir.resolve("alertmanager/alertmanager.yml"),
        "--storage.path=" + dir.resolve("am-data"),
        "--web.listen-address=127.0.0.1:" + amPort,
        "--cluster.listen-address=");
    start(
        dir.resolve("prometheus.log"),
        prometheus.toString(),
        "--config.file=" + dir.resolve("prometheus/prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("prom-data"),
        "--web.listen-address=127.0.0.1:" + promPort);
    String api = "http://127.0.0.1:" + promPort + "/api/v1/";

    JsonNode targets =
        await(
            api + "targets",
            t -> {
              JsonNode active = t.path("data").path("activeTargets");
              if (active.size() != 3) {
                return false;
              }
              for (JsonNode target : active) {
                if (!"up".equals(target.path("health").asText())) {
                  return false;
                }
              }
              return true;
            });
    assertEquals(3, targets.path("data").path("activeTargets").size());

    JsonNode rules =
        await(
            api + "rules",
            r -> {
              for (JsonNode group : r.path("data").path("groups")) {
                if (group.path("lastEvaluation").asText().startsWith("0001")) {
                  return false;
                }
              }
              return r.path("data").path("groups").size() > 0;
            });
    int alerting = 0;
    for (JsonNode group : rules.path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        assertEquals(
            "ok", rule.path("health").asText(), rule.path("name") + ": " + rule.path("lastError"));
        if ("alerting".equals(rule.path("type").asText())) {
          alerting++;
        }
      }
    }
    assertTrue(alerting >= 15, "alerting rules loaded: " + alerting);

    JsonNode alerts =
        await(
            api + "alerts",
            a -> {
              for (JsonNode alert : a.path("data").path("alerts")) {
                if ("HighAPIErrorRate".equals(alert.path("labels").path("alertname").asText())) {
                  return true;
                }
              }
              return false;
            });
    for (JsonNode alert : alerts.path("data").path("alerts")) {
      if ("HighAPIErrorRate".equals(alert.path("labels").path("alertname").asText())) {
        assertEquals("pending", alert.path("state").asText(), "for: 5m has not elapsed yet");
        assertEquals("critical", alert.path("labels").path("severity").asText());
      }
    }

    // The dead man's switch: Watchdog fires and Alertmanager delivers it to the webhook.
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (hooks.stream().noneMatch(h -> h.contains("\"alertname\":\"Watchdog\""))
        && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    String delivered =
        hooks.stream().filter(h -> h.contains("\"alertname\":\"Watchdog\"")).findFirst().orElse("");
    assertTrue(!delivered.isEmpty(), "no Watchdog notification reached the webhook: " + hooks);
    JsonNode notification = json.readTree(delivered);
    assertEquals("watchdog", notification.path("receiver").asText(), delivered);
    assertEquals("firing", notification.path("status").asText(), delivered);
    // Sends to Alertmanager succeed, so PrometheusAlertmanagerUnreachable stays silent.
    JsonNode now = await(api + "alerts", a -> true);
    for (JsonNode alert : now.path("data").path("alerts")) {
      assertTrue(
          !"PrometheusAlertmanagerUnreachable"
              .equals(alert.path("labels").path("alertname").asText()),
          alert.toString());
    }
  }

  /** Bodies Alertmanager posted to the webhook receiver. */
  private final List<String> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Serves an exposition in which half of the API's requests fail, growing at every scrape. */
  private int startApp() throws IOException {
    AtomicLong scrapes = new AtomicLong();
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/metrics",
        exchange -> {
          long n = scrapes.incrementAndGet() * 10;
          String body =
              "# TYPE http_requests_total counter\n"
                  + "http_requests_total{method=\"GET\",endpoint=\"/api/banking/accounts\",status=\"200\"} "
                  + n
                  + "\n"
                  + "http_requests_total{method=\"GET\",endpoint=\"/api/banking/accounts\",status=\"500\"} "
                  + n
                  + "\n";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    app.createContext(
        "/hook",
        exchange -> {
          hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    app.start();
    return app.getAddress().getPort();
  }

  private void start(Path log, String... command) throws IOException {
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private JsonNode await(String url, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        last = json.readTree(r.body());
        if (done.test(last)) {
          return last;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    fail(
        "gave up waiting on "
            + url
            + "; last answer: "
            + last
            + "\nprometheus log: "
            + (Files.exists(dir.resolve("prometheus.log"))
                ? Files.readString(dir.resolve("prometheus.log"))
                : ""));
    return last;
  }
}
