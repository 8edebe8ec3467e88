package org.maiis.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.MaiisJar;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;
import org.maiis.testing.RawHttps;
import org.maiis.testing.TestConfigs;
import org.maiis.tls.TrustBundles;

/**
 * Issue 16's "done when", in one stack as {@code maiis dev up} starts it from one config (the API
 * from the shaded jar, the rendered nginx with a static root, Prometheus and Alertmanager): every
 * spelling of an auth route gets 429 past the auth tier, {@code /health} answers through nginx
 * although a static root is set, a firing alert reaches a local webhook receiver through
 * Alertmanager, and Prometheus' Watchdog fires and arrives there too.
 */
class FrontDoorAndAlertingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BURST = 10;

  @Test
  void oneStackHoldsTheTiersServesHealthAndDeliversAlerts(@TempDir Path dir) throws Exception {
    ExternalTools.SYSTEM.require("nginx", "nginx");
    ExternalTools.SYSTEM.require("prometheus", "prometheus");
    ExternalTools.SYSTEM.require("prometheus-alertmanager", "prometheus-alertmanager");
    // nginx started as root runs its workers as nobody, who must pass through the directories.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path site = Files.createDirectories(dir.resolve("www"));
    Files.writeString(site.resolve("index.html"), "<h1>bank</h1>\n");
    Files.setPosixFilePermissions(site, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        site.resolve("index.html"), PosixFilePermissions.fromString("rw-r--r--"));

    List<String> hooks = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();

    int api = LoopbackPorts.free();
    int https = LoopbackPorts.free();
    int prometheus = LoopbackPorts.free();
    int alertmanager = LoopbackPorts.free();
    Path config = dir.resolve("maiis.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version: 1",
            "site: {name: it, domain: localhost, environment: dev}",
            "nginx:",
            TestConfigs.loopbackListen(https),
            "  upstreams: [{server: 127.0.0.1:" + api + "}]",
            "  rate_limits:",
            "    general: {rate: 1000r/s, burst: 1000}",
            "    api: {rate: 1000r/s, burst: 1000}",
            "    auth: {rate: 5r/m, burst: 5}",
            "  static: {root: " + site + "}",
            DevPorts.monitoring(prometheus, alertmanager, api, LoopbackPorts.free()),
            "  alerts:",
            "    Watchdog: {for: 1s}",
            "  receivers:",
            "    webhook: {url: \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}",
            "server: {listen: 127.0.0.1:" + api + "}",
            ""));
    Path state = dir.resolve("state");
    try {
      MaiisJar.Run up =
          MaiisJar.run(dir, "dev", "up", "-c", config.toString(), "--state-dir", state.toString());
      assertEquals(0, up.code(), up.out() + up.err());
      SSLContext trust = TrustBundles.sslContext(state.resolve("certs/live/it/fullchain.pem"));

      // A firing alert posted to Alertmanager: routed (critical, 30 s group wait) to the webhook
      // while the rest of the test runs.
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + alertmanager + "/api/v2/alerts"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "[{\"labels\": {\"alertname\": \"FrontDoorTestAlert\","
                              + " \"severity\": \"critical\", \"family\": \"FrontDoorTestAlert\"},"
                              + " \"annotations\": {\"description\": \"a test\"}}]"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, posted.statusCode(), posted.body());

      // /health passes nginx to the API although a static root serves everything else.
      HttpClient tls =
          HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> health =
          tls.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(health.body().contains("\"status\""), health.body());
      HttpResponse<String> page =
          tls.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals("<h1>bank</h1>\n", page.body(), "the static root serves the site");

      // Every spelling, from its own client address: at most 6 pass (5r/m, burst 5), then 429.
      RawHttps client = new RawHttps(trust, https, 20);
      List<String> bypassed = new ArrayList<>();
      for (String target : RawHttps.AUTH_SPELLINGS) {
        List<Integer> statuses = client.burst(target, BURST);
        long limited = statuses.stream().filter(s -> s == 429).count();
        if (statuses.get(0) == 429 || limited < BURST - 6 || statuses.get(BURST - 1) != 429) {
          bypassed.add(target + " " + statuses);
        }
      }
      assertEquals(List.of(), bypassed, "spellings not held to the auth tier");

      String test = awaitHook(hooks, "FrontDoorTestAlert");
      assertEquals("critical", JSON.readTree(test).path("receiver").asText(), test);
      assertEquals("firing", JSON.readTree(test).path("status").asText(), test);
      String watchdog = awaitHook(hooks, "Watchdog");
      assertEquals("watchdog", JSON.readTree(watchdog).path("receiver").asText(), watchdog);
      assertEquals("firing", JSON.readTree(watchdog).path("status").asText(), watchdog);

      // Just started and healthy: nothing fires but the Watchdog, and nothing is pending except
      // the absent renewal metrics (dev up's self-signed certificate never had a renewal run, which
      // is what that alert says, after its 'for').
      JsonNode alerts =
          JSON.readTree(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + prometheus + "/api/v1/alerts"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      List<String> noisy = new ArrayList<>();
      for (JsonNode a : alerts.path("data").path("alerts")) {
        String name = a.path("labels").path("alertname").asText();
        boolean expected =
            name.equals("Watchdog")
                || (name.equals("CertificateRenewalMetricsAbsent")
                    && a.path("state").asText().equals("pending"));
        if (!expected) {
          noisy.add(name + " " + a.path("state").asText());
        }
      }
      assertEquals(List.of(), noisy, alerts.toString());
    } finally {
      MaiisJar.Run down = MaiisJar.run(dir, "dev", "down", "--state-dir", state.toString());
      receiver.stop(0);
      assertEquals(0, down.code(), down.err());
    }
  }

  /** The first notification for {@code alertname} the webhook received (bounded wait). */
  private static String awaitHook(List<String> hooks, String alertname) throws Exception {
    String needle = "\"alertname\":\"" + alertname + "\"";
    Instant deadline = Instant.now().plusSeconds(45);
    while (Instant.now().isBefore(deadline)) {
      for (String h : hooks) {
        if (h.contains(needle)) {
          JsonNode n = JSON.readTree(h);
          assertTrue(n.has("alerts"), h);
          return h;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no " + alertname + " notification reached the webhook: " + hooks);
  }
}
