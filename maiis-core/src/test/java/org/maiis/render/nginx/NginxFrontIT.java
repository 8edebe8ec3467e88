package org.maiis.render.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;

/**
 * A real nginx on loopback, rendered from maiis.yaml, with a self-signed certificate made by
 * openssl, in front of {@link EchoUpstream}: what the front promises, checked from the outside.
 */
class NginxFrontIT {
  private static final String ORIGIN_OK = "https://app.example.test";
  private static final List<String> SECURITY_HEADERS =
      List.of(
          "strict-transport-security",
          "content-security-policy",
          "x-content-type-options",
          "x-frame-options",
          "referrer-policy",
          "permissions-policy",
          "cross-origin-opener-policy",
          "cross-origin-resource-policy",
          "x-xss-protection");

  @TempDir static Path tmp;
  @AutoClose static EchoFront front;
  static EchoUpstream upstream;
  static Path prefix;
  static int httpPort;
  static int httpsPort;
  static int statusPort;
  static HttpClient h2;
  static HttpClient h1;
  static SSLContext trust;

  @BeforeAll
  static void start() throws Exception {
    httpPort = LoopbackPorts.free();
    httpsPort = LoopbackPorts.free();
    statusPort = LoopbackPorts.free();

    Path www = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(www.resolve("index.html"), "<!doctype html><title>maiis</title>\n");
    Files.writeString(www.resolve("app.css"), "body { margin: 0; }\n".repeat(40));
    Path acme = Files.createDirectories(tmp.resolve("acme/.well-known/acme-challenge"));
    Files.writeString(acme.resolve("tok-123"), "tok-123.thumbprint");
    for (Path p : List.of(www, tmp.resolve("acme"), tmp.resolve("acme/.well-known"), acme)) {
      RunningNginx.readable(p);
    }

    front =
        EchoFront.start(
            tmp,
            "  listen: {http: "
                + httpPort
                + ", https: "
                + httpsPort
                + ", status: "
                + statusPort
                + ", addresses: [127.0.0.1]}",
            httpsPort,
            "  rate_limits:",
            "    general: {rate: 1000r/s, burst: 1000}",
            "    api: {rate: 1000r/s, burst: 1000}",
            "    upload: {rate: 1000r/s, burst: 1000}",
            "    auth: {rate: 5r/m, burst: 5}",
            "  body_limits: {default: 1m, upload: 2m}",
            "  static: {root: " + www + "}",
            "  cors: {allowed_origins: [" + ORIGIN_OK + "], allow_credentials: true}");
    upstream = front.upstream();
    trust = front.trust();
    prefix = front.nginx().prefix();

    h2 = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_2).build();
    h1 = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Test
  void offersOnlyTls12And13WithForwardSecretSuites() throws IOException {
    Path sslscan = ExternalTools.SYSTEM.require("sslscan", "sslscan");
    ProcessRunner.Result r =
        new ProcessRunner(Duration.ofSeconds(60))
            .run(List.of(sslscan.toString(), "--no-colour", "127.0.0.1:" + httpsPort));
    assertTrue(r.ok(), r.stderr());
    String out = r.stdout();
    for (String old : List.of("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1")) {
      assertTrue(
          out.matches("(?s).*" + old.replace(".", "\\.") + "\\s+disabled.*"), old + "\n" + out);
    }
    assertTrue(out.matches("(?s).*TLSv1\\.2\\s+enabled.*"), out);
    assertTrue(out.matches("(?s).*TLSv1\\.3\\s+enabled.*"), out);
    List<String> suites = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("Preferred ") || line.startsWith("Accepted ")) {
        String[] f = line.trim().split("\\s+");
        suites.add(f[1] + " " + f[4]);
      }
    }
    assertFalse(suites.isEmpty(), out);
    for (String s : suites) {
      String name = s.split(" ")[1];
      assertTrue(s.startsWith("TLSv1.3") || name.startsWith("ECDHE-"), "not forward-secret: " + s);
      assertTrue(name.contains("GCM") || name.contains("CHACHA20"), "not AEAD: " + s);
    }
  }

  @Test
  void negotiatesHttp2() throws Exception {
    HttpResponse<String> r = h2.send(get("/"), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, r.version());
  }

  @Test
  void redirectsPlainHttpWith308() throws Exception {
    HttpResponse<String> r = plainGet(httpPort, "/api/accounts?limit=5");
    assertEquals(308, r.statusCode());
    // 127.0.0.1 is none of the site's names (the default, localhost): the primary one is named.
    assertEquals(
        "https://localhost:" + httpsPort + "/api/accounts?limit=5",
        r.headers().firstValue("location").orElse(""));
  }

  @Test
  void redirectKeepsOurOwnNamesButNeverReflectsAForeignHost() throws Exception {
    assertEquals("https://localhost:" + httpsPort + "/x", plainRedirect("localhost", "/x"));
    assertEquals("https://localhost:" + httpsPort + "/x", plainRedirect("evil.example", "/x"));
  }

  /** The Location of a plain-HTTP GET with this Host header (the JDK client will not send one). */
  private static String plainRedirect(String host, String path) throws IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", httpPort)) {
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String head = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(head.startsWith("HTTP/1.1 308 "), head);
      return head.lines()
          .filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
          .map(l -> l.substring(9).strip())
          .findFirst()
          .orElse("");
    }
  }

  @Test
  void servesTheAcmeTokenOverPlainHttp() throws Exception {
    HttpResponse<String> r = plainGet(httpPort, "/.well-known/acme-challenge/tok-123");
    assertEquals(200, r.statusCode());
    assertEquals("tok-123.thumbprint", r.body());
  }

  @Test
  void sendsEverySecurityHeaderOnceOnEveryKindOfResponse() throws Exception {
    Map<String, Integer> expected =
        Map.of(
            "/", 200, "/api/accounts", 200, "/app.css", 200, "/missing.html", 404, "/metrics", 404);
    for (var e : expected.entrySet()) {
      HttpResponse<String> r = h2.send(get(e.getKey()), HttpResponse.BodyHandlers.ofString());
      assertEquals(e.getValue(), r.statusCode(), e.getKey());
      assertSecurityHeaders(r, e.getKey());
    }
  }

  @Test
  void cachesAssetsWithOneCacheControl() throws Exception {
    HttpResponse<String> css = h2.send(get("/app.css"), HttpResponse.BodyHandlers.ofString());
    assertEquals(
        List.of("public, max-age=31536000, immutable"), css.headers().allValues("cache-control"));
    assertEquals(List.of("text/css"), css.headers().allValues("content-type"));
    HttpResponse<String> html = h2.send(get("/"), HttpResponse.BodyHandlers.ofString());
    assertEquals(List.of("no-cache"), html.headers().allValues("cache-control"));
    // A missing asset may exist after the next deploy: its 404 is not cached as immutable.
    HttpResponse<String> missing =
        h2.send(get("/app.3f9a.css"), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, missing.statusCode());
    assertFalse(
        missing.headers().allValues("cache-control").stream()
            .anyMatch(v -> v.contains("immutable")),
        missing.headers().map().toString());
  }

  @Test
  void compressesText() throws Exception {
    HttpResponse<InputStream> r =
        h2.send(
            HttpRequest.newBuilder(url("/app.css")).header("Accept-Encoding", "gzip").build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(List.of("gzip"), r.headers().allValues("content-encoding"));
    try (InputStream in = new GZIPInputStream(r.body())) {
      assertEquals(
          "body { margin: 0; }\n".repeat(40),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void keepsTheApiPrefixAndQuery() throws Exception {
    HttpResponse<String> r =
        h2.send(get("/api/accounts/42/summary?limit=5"), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("target=/api/accounts/42/summary?limit=5\n"), r.body());
  }

  @Test
  void keepsUpstreamConnectionsAlive() throws Exception {
    int before = upstream.connections();
    for (int i = 0; i < 10; i++) {
      assertEquals(
          200,
          h2.send(get("/api/accounts/" + i), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    // Two workers may each open one; without keep-alive it would be one per request.
    assertTrue(upstream.connections() - before <= 2, (upstream.connections() - before) + " new");
  }

  @Test
  void streamsServerSentEventsUnbuffered() throws Exception {
    HttpResponse<InputStream> r =
        h2.send(get(EchoUpstream.STREAM_PATH), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(List.of("text/event-stream"), r.headers().allValues("content-type"));
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertEquals("data: first", lines.readLine());
      upstream.releaseStream();
      assertFalse(upstream.streamWaitedInVain(), "the first event was held back until the end");
      assertEquals("", lines.readLine());
      assertEquals("data: [DONE]", lines.readLine());
    }
  }

  @Test
  void proxiesHealthAndSwaggerAssetsAlthoughTheRootServesFiles() throws Exception {
    // With static.root set, / serves files; these are the API's and must reach it (the TLS
    // probe asks /health, and a 404 there fired a critical alert forever).
    for (String path :
        List.of("/health", "/health/ready", "/webjars/swagger-ui/5.17.14/swagger-ui.css")) {
      HttpResponse<String> r = h2.send(get(path), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), path);
      assertTrue(r.body().startsWith("target=" + path + "\n"), path + ": " + r.body());
      assertSecurityHeaders(r, path);
      assertEquals(List.of(), r.headers().allValues("cache-control"), path);
    }
    // A file of the static root that merely starts with "health" is still a file.
    HttpResponse<String> page = h2.send(get("/healthy.html"), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, page.statusCode());
  }

  @Test
  void neverProxiesTheApplicationMetrics() throws Exception {
    HttpResponse<String> r = h2.send(get("/metrics"), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, r.statusCode());
    assertFalse(upstream.targets().stream().anyMatch(t -> t.startsWith("/metrics")));
  }

  @Test
  void rateLimitsTheAuthRouteWith429() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      HttpResponse<String> r =
          h2.send(
              HttpRequest.newBuilder(url("/api/auth/login"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      statuses.add(r.statusCode());
      if (r.statusCode() == 429) {
        assertSecurityHeaders(r, "429 on /api/auth/login");
        // The API's error shape, and when to come back: 5r/m admits one more every 12 s.
        assertEquals(List.of("application/json"), r.headers().allValues("content-type"));
        assertEquals(List.of("12"), r.headers().allValues("retry-after"));
        JsonNode error = new ObjectMapper().readTree(r.body()).get("error");
        assertEquals("too_many_requests", error.get("code").asText(), r.body());
        assertTrue(error.get("message").asText().contains("12 s"), r.body());
      }
    }
    assertEquals(200, statuses.get(0), statuses.toString());
    assertTrue(statuses.stream().filter(s -> s == 429).count() >= 5, statuses.toString());
    assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 429), statuses.toString());
  }

  @Test
  void refusesOversizedBodiesButPassesUploadsWithinTheirLimit() throws Exception {
    byte[] body = new byte[1536 * 1024];
    assertEquals(413, post(h1, "/api/accounts", body).statusCode());
    HttpResponse<String> upload = post(h1, "/api/documents/upload", body);
    assertEquals(200, upload.statusCode());
    assertTrue(upload.body().contains("bytes=" + body.length), upload.body());
    assertEquals(413, post(h1, "/api/documents/upload", new byte[3 * 1024 * 1024]).statusCode());
  }

  @Test
  void upgradesWebSocketsThroughTheProxy() throws Exception {
    CompletableFuture<String> echoed = new CompletableFuture<>();
    WebSocket ws =
        h1.newWebSocketBuilder()
            .buildAsync(
                URI.create("wss://127.0.0.1:" + httpsPort + "/api/chat/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    echoed.complete(data.toString());
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    ws.sendText("hello through nginx", true).get(10, TimeUnit.SECONDS);
    assertEquals("hello through nginx", echoed.get(10, TimeUnit.SECONDS));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    awaitNoRequestInFlight();
  }

  // An upgraded WebSocket counts against limit_conn until nginx has closed it, which comes a
  // moment after the client's close: the next test's connections would find it still counted.
  private static void awaitNoRequestInFlight() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String status = plainGet(statusPort, "/stub_status").body();
    // "Writing" counts requests being answered: this status request is the only one left.
    while (!status.contains("Reading: 0 Writing: 1 ")) {
      assertTrue(System.nanoTime() < deadline, "requests still in flight:\n" + status);
      Thread.sleep(50);
      status = plainGet(statusPort, "/stub_status").body();
    }
  }

  @Test
  void capsConcurrentConnectionsPerAddressWith429() throws Exception {
    // connections_per_ip is 10 (the default): hold 13 WebSockets open at once.
    awaitNoRequestInFlight();
    List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      opening.add(
          HttpClient.newBuilder()
              .sslContext(trust)
              .build()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("wss://127.0.0.1:" + httpsPort + "/api/voice/ws"),
                  new WebSocket.Listener() {}));
    }
    List<WebSocket> open = new ArrayList<>();
    List<Integer> refused = new ArrayList<>();
    for (CompletableFuture<WebSocket> f : opening) {
      try {
        open.add(f.get(10, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
          refused.add(h.getResponse().statusCode());
        } else {
          throw e;
        }
      }
    }
    for (WebSocket ws : open) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
    awaitNoRequestInFlight();
    assertEquals(10, open.size(), "open: " + open.size() + ", refused: " + refused);
    assertEquals(List.of(429, 429, 429), refused);
  }

  @Test
  void answersCorsOnlyForAllowListedOrigins() throws Exception {
    HttpResponse<String> ok =
        h2.send(
            HttpRequest.newBuilder(url("/api/accounts")).header("Origin", ORIGIN_OK).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(List.of(ORIGIN_OK), ok.headers().allValues("access-control-allow-origin"));
    assertEquals(List.of("true"), ok.headers().allValues("access-control-allow-credentials"));
    assertEquals(
        List.of("Retry-After, Idempotent-Replayed, X-Request-Id"),
        ok.headers().allValues("access-control-expose-headers"));
    HttpResponse<String> evil =
        h2.send(
            HttpRequest.newBuilder(url("/api/accounts"))
                .header("Origin", "https://evil.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(List.of(), evil.headers().allValues("access-control-allow-origin"));
    assertEquals(List.of(), evil.headers().allValues("access-control-allow-credentials"));
    HttpResponse<String> preflight =
        h2.send(
            HttpRequest.newBuilder(url("/api/accounts"))
                .header("Origin", ORIGIN_OK)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, preflight.statusCode());
    assertEquals(List.of(ORIGIN_OK), preflight.headers().allValues("access-control-allow-origin"));
    // Transfers send Idempotency-Key; without it in the list a browser refuses to send them.
    assertTrue(
        preflight
            .headers()
            .firstValue("access-control-allow-headers")
            .orElse("")
            .contains("Idempotency-Key"),
        preflight.headers().map().toString());
    assertSecurityHeaders(preflight, "preflight");
  }

  @Test
  void exposesStubStatusOnLoopback() throws Exception {
    HttpResponse<String> r = plainGet(statusPort, "/stub_status");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("Active connections:"), r.body());
  }

  @Test
  void logsOneJsonObjectPerRequestWithoutQueryStrings() throws Exception {
    // A path of its own: earlier tests logged /api/accounts too.
    String path = "/api/accounts/log-" + java.util.UUID.randomUUID();
    h2.send(get(path + "?token=secret-value"), HttpResponse.BodyHandlers.ofString());
    // nginx writes the entry after the response; read until it is there (bounded).
    ObjectMapper json = new ObjectMapper();
    Path log = prefix.resolve("access.log");
    for (int i = 0; i < 100; i++) {
      List<String> lines = Files.readAllLines(log);
      // A line is complete once the next one starts or the file ends with its newline.
      if (lines.stream().anyMatch(l -> l.contains(path)) && Files.readString(log).endsWith("\n")) {
        for (String line : lines) {
          JsonNode entry = json.readTree(line);
          assertTrue(entry.get("status").isInt(), line);
          assertFalse(line.contains("secret-value"), line);
        }
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no access log entry for " + path);
  }

  private static void assertSecurityHeaders(HttpResponse<?> r, String what) {
    for (String h : SECURITY_HEADERS) {
      assertEquals(1, r.headers().allValues(h).size(), what + ": " + h + " " + r.headers().map());
    }
    assertEquals(List.of("DENY"), r.headers().allValues("x-frame-options"), what);
    assertEquals(List.of("0"), r.headers().allValues("x-xss-protection"), what);
    assertTrue(
        r.headers().firstValue("permissions-policy").orElse("").contains("microphone=(self)"),
        what);
    assertTrue(
        r.headers()
            .firstValue("strict-transport-security")
            .orElse("")
            .startsWith("max-age=63072000"),
        what);
  }

  private static HttpResponse<String> post(HttpClient client, String path, byte[] body)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(url(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET over plain HTTP to 127.0.0.1:{@code port}. */
  private static HttpResponse<String> plainGet(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(url(path)).build();
  }

  private static URI url(String path) {
    return URI.create("https://127.0.0.1:" + httpsPort + path);
  }
}
