package org.maiis.cli.dev;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.PebbleFixture;
import org.maiis.acme.WebrootServer;
import org.maiis.cli.ApiRequests;
import org.maiis.cli.MaiisJar;
import org.maiis.dev.ManagedProcess;
import org.maiis.dev.ProcessSupervisor;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;
import org.maiis.tls.TrustBundles;

/**
 * The shaded jar as a user runs it: {@code maiis dev up} on free loopback ports, then a user's
 * session over HTTPS through nginx, Prometheus scraping the API with every rule loaded, {@code dev
 * status}, and {@code dev down} leaving none of the started processes alive.
 */
class DevStackIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "Corr3ct-Horse!";

  @Test
  void upServesTheApiThroughNginxWithMonitoringAndDownStopsEverything(@TempDir Path dir)
      throws Exception {
    ExternalTools.SYSTEM.require("nginx", "nginx");
    ExternalTools.SYSTEM.require("prometheus", "prometheus");
    ExternalTools.SYSTEM.require("prometheus-alertmanager", "prometheus-alertmanager");
    // nginx started as root runs its workers as nobody, who must pass through the directory.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    DevPorts ports = DevPorts.free();
    int https = ports.https();
    int prometheus = ports.prometheus();
    Path config = dir.resolve("dev.yaml");
    Files.writeString(config, ports.yaml());
    Path state = dir.resolve("state");
    issueFromPebble(dir, state.resolve("certs"));
    try {
      MaiisJar.Run up =
          maiis(dir, "dev", "up", "-c", config.toString(), "--state-dir", state.toString());
      assertFalse(up.err().contains("self-signed"), "the CA's certificate is kept: " + up.err());
      assertEquals(0, up.code(), up.out() + up.err());
      for (String name : List.of("api", "nginx", "prometheus", "alertmanager")) {
        assertTrue(up.out().lines().anyMatch(l -> l.matches(name + " +healthy +.*")), up.out());
      }
      MaiisJar.Run again =
          maiis(dir, "dev", "up", "-c", config.toString(), "--state-dir", state.toString());
      assertEquals(1, again.code());
      assertTrue(again.err().contains("already running"), again.err());

      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(TrustBundles.sslContext(state.resolve("certs/live/it/fullchain.pem")))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      everyPrintedUrlAnswers(up.out(), state.resolve("certs/live/it/fullchain.pem"));
      Site site = new Site(client, "https://localhost:" + https);
      String token = bankThroughNginx(site);
      onlyModernProtocols(https);
      monitoringIsUp(HttpClient.newHttpClient(), "http://127.0.0.1:" + prometheus);
      failingStorageMakesTheErrorRateAlertPending(
          site, token, state, HttpClient.newHttpClient(), "http://127.0.0.1:" + prometheus);

      MaiisJar.Run status = maiis(dir, "dev", "status", "--state-dir", state.toString());
      assertEquals(0, status.code(), status.out() + status.err());
      assertTrue(status.out().lines().count() >= 4, status.out());
      assertTrue(status.out().lines().allMatch(l -> l.matches("\\S+ +healthy +.*")), status.out());
      MaiisJar.Run json = maiis(dir, "dev", "status", "--json", "--state-dir", state.toString());
      assertEquals(0, json.code(), json.out() + json.err());
      JsonNode doc = JSON.readTree(json.out());
      assertTrue(doc.path("healthy").asBoolean(), json.out());
      assertEquals(status.out().lines().count(), doc.path("components").size(), json.out());
      for (JsonNode c : doc.path("components")) {
        assertEquals("healthy", c.path("state").asText(), json.out());
        assertTrue(c.path("url").asText().startsWith("http"), json.out());
      }
    } finally {
      List<ManagedProcess> started = new ProcessSupervisor(state).list();
      MaiisJar.Run down = maiis(dir, "dev", "down", "--state-dir", state.toString());
      assertEquals(0, down.code(), down.err());
      assertFalse(started.isEmpty());
      for (ManagedProcess mp : started) {
        assertFalse(
            ProcessHandle.of(mp.pid()).map(ProcessHandle::isAlive).orElse(false),
            mp.name() + " still running");
      }
      assertEquals(List.of(), new ProcessSupervisor(state).list());
    }
  }

  /**
   * Each URL dev up printed for a healthy component (last column) answers 200, after redirects: no
   * 404 for a newcomer.
   */
  private static void everyPrintedUrlAnswers(String out, Path ca) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TrustBundles.sslContext(ca))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<String> urls =
        out.lines()
            .filter(l -> l.matches("\\S+ +healthy +.*"))
            .map(l -> l.substring(l.lastIndexOf(' ') + 1))
            .toList();
    assertTrue(urls.size() >= 4, out);
    for (String url : urls) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), url + " answered " + r.statusCode());
    }
  }

  /**
   * Issues the stack's certificate from a real ACME CA (Debian's Pebble) with maiis ssl issue into
   * the state directory, where dev up finds it and serves it instead of making a self-signed one.
   */
  private static void issueFromPebble(Path dir, Path certs) throws Exception {
    ExternalTools.SYSTEM.require("pebble", "pebble");
    Path webroot = Files.createDirectories(dir.resolve("acme"));
    try (PebbleFixture pebble =
            PebbleFixture.start(
                Files.createDirectories(dir.resolve("pebble")),
                new PebbleFixture.Options(7_776_000, 0, false));
        WebrootServer http = new WebrootServer(webroot, pebble.httpPort())) {
      MaiisJar.Run issue =
          maiis(
              dir,
              "ssl",
              "issue",
              "-d",
              "localhost",
              "--server",
              pebble.directory().toString(),
              "--ca-bundle",
              pebble.caBundle().toString(),
              "--webroot",
              webroot.toString(),
              "--name",
              "it",
              "--cert-dir",
              certs.toString());
      assertEquals(0, issue.code(), issue.out() + issue.err());
    }
  }

  /** sslscan sees TLS 1.2 and 1.3 only on the stack's HTTPS port. */
  private static void onlyModernProtocols(int https) throws Exception {
    Path sslscan = ExternalTools.SYSTEM.require("sslscan", "sslscan");
    ProcessRunner.Result r =
        new ProcessRunner(Duration.ofSeconds(60))
            .run(List.of(sslscan.toString(), "--no-colour", "127.0.0.1:" + https));
    assertTrue(r.ok(), r.stderr());
    for (String old : List.of("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1")) {
      assertTrue(
          r.stdout().matches("(?s).*" + old.replace(".", "\\.") + "\\s+disabled.*"),
          old + "\n" + r.stdout());
    }
    assertTrue(r.stdout().matches("(?s).*TLSv1\\.3\\s+enabled.*"), r.stdout());
  }

  /** A user's session through nginx; returns the user's access token. */
  private static String bankThroughNginx(Site site) throws Exception {
    String email = "dev-it@example.com";
    HttpResponse<String> signup =
        site.post(
            "/api/auth/signup",
            null,
            Map.of("email", email, "password", PASSWORD, "full_name", "Dev Stack"));
    assertEquals(201, signup.statusCode(), signup.body());
    assertEquals("TLSv1.3", signup.sslSession().orElseThrow().getProtocol());
    assertTrue(
        signup.headers().firstValue("strict-transport-security").orElse("").contains("max-age="),
        signup.headers().map().toString());
    assertEquals("nosniff", signup.headers().firstValue("x-content-type-options").orElse(""));
    java.security.cert.X509Certificate served =
        (java.security.cert.X509Certificate)
            signup.sslSession().orElseThrow().getPeerCertificates()[0];
    assertTrue(
        served
            .getIssuerX500Principal()
            .getName()
            .toLowerCase(java.util.Locale.ROOT)
            .contains("pebble"),
        "served by the ACME CA's certificate: " + served.getIssuerX500Principal());

    HttpResponse<String> login =
        site.post("/api/auth/login", null, Map.of("email", email, "password", PASSWORD));
    assertEquals(200, login.statusCode(), login.body());
    String token = JSON.readTree(login.body()).path("access_token").asText();

    String from = site.account(token, "0");
    String to = site.account(token, "0");
    HttpResponse<String> deposit =
        site.post("/api/banking/deposit", token, Map.of("account_id", from, "amount", "100.00"));
    assertEquals(200, deposit.statusCode() / 100 * 100, deposit.body());
    HttpResponse<String> transfer =
        site.post(
            "/api/banking/transfer",
            token,
            Map.of("from_account_id", from, "to_account_id", to, "amount", "40.25"));
    assertEquals(200, transfer.statusCode() / 100 * 100, transfer.body());
    assertEquals(new BigDecimal("59.75"), site.balance(token, from));
    assertEquals(new BigDecimal("40.25"), site.balance(token, to));

    // A document through nginx's upload tier, then a paraphrased question answered from it.
    HttpResponse<String> upload =
        site.upload(
            "/api/documents/upload?ingest_to_kb=true",
            token,
            "fees.txt",
            "Card fees\n\nSending money abroad costs five euros per international transfer. "
                + "Domestic transfers are free of charge.\n");
    assertEquals(201, upload.statusCode(), upload.body());
    String documentId = JSON.readTree(upload.body()).path("id").asText();
    HttpResponse<String> answer =
        site.post(
            "/api/chat/message",
            token,
            Map.of("message", "what does an international transfer cost?"));
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode chat = JSON.readTree(answer.body());
    assertEquals("extractive", chat.path("mode").asText(), answer.body());
    assertEquals(
        documentId, chat.path("sources").path(0).path("document_id").asText(), answer.body());
    assertTrue(chat.path("response").asText().contains("five euros"), answer.body());
    chatStreamsThroughNginx(site, token);

    // Speech through nginx: the local espeak-ng provider answers with a WAV.
    ExternalTools.SYSTEM.require("espeak-ng", "espeak-ng");
    HttpResponse<String> speech =
        site.post(
            "/api/voice/synthesize",
            token,
            Map.of("text", "Your transfer is complete.", "format", "wav"));
    assertEquals(200, speech.statusCode(), speech.body());
    byte[] wav =
        java.util.Base64.getDecoder()
            .decode(JSON.readTree(speech.body()).path("audio_base64").asText());
    assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));

    // And back: the WAV synthesized through nginx, transcribed through nginx by pocketsphinx.
    // Its word error rate on espeak-ng's voice is high: a few recognised words are enough.
    ExternalTools.SYSTEM.require("pocketsphinx_continuous", "pocketsphinx");
    HttpResponse<byte[]> audio =
        site.client()
            .send(
                HttpRequest.newBuilder(URI.create(site.base() + "/api/voice/synthesize-audio"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            JSON.writeValueAsString(
                                Map.of("text", "hello world, what is my account balance today"))))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, audio.statusCode());
    assertEquals("audio/wav", audio.headers().firstValue("content-type").orElse(""));
    HttpResponse<String> heard =
        site.multipart(
            "/api/voice/transcribe", token, "audio", "speech.wav", "audio/wav", audio.body());
    assertEquals(200, heard.statusCode(), heard.body());
    String text = JSON.readTree(heard.body()).path("text").asText();
    long words =
        List.of("hello", "world", "what", "account", "balance", "today").stream()
            .filter(w -> text.matches("(?s).*\\b" + w + "\\b.*"))
            .count();
    assertTrue(words >= 2, "heard: " + text);

    // nginx's auth tier (5 r/min, burst 5) turns a burst of logins into 429s of its own before
    // they reach the API: JSON in the API's shape, code too_many_requests (the API's own login
    // throttle says rate_limited), Retry-After 12 (one request per 12 s).
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      HttpResponse<String> r =
          site.post("/api/auth/login", null, Map.of("email", email, "password", "wrong-" + i));
      answers.add(
          r.statusCode()
              + " "
              + r.headers().firstValue("content-type").orElse("")
              + " "
              + r.headers().firstValue("retry-after").orElse("")
              + " "
              + JSON.readTree(r.body()).path("error").path("code").asText());
    }
    assertTrue(
        answers.stream().anyMatch(a -> a.equals("429 application/json 12 too_many_requests")),
        answers.toString());
    return token;
  }

  /**
   * The document store fails the way a lost disk does (its directory replaced by a file, which
   * stops root as well as anyone): uploads answer 503, and the API error-rate alert goes pending
   * (its for: 5m keeps it from firing). Then the store comes back and uploads work again.
   */
  private static void failingStorageMakesTheErrorRateAlertPending(
      Site site, String token, Path state, HttpClient client, String prometheus) throws Exception {
    Path objects = state.resolve("data/objects");
    Path moved = state.resolve("data/objects.moved");
    Files.move(objects, moved);
    Files.writeString(objects, "not a directory");
    try {
      // A sustained failure, a few uploads a second (within nginx's upload tier), until the
      // alert is pending: a counter's first samples give no rate, so errors must keep coming.
      Instant deadline = Instant.now().plusSeconds(45);
      JsonNode alerts = JSON.missingNode();
      for (int i = 0; !hasAlert(alerts, "HighAPIErrorRate"); i++) {
        assertTrue(Instant.now().isBefore(deadline), "never pending: " + alerts);
        HttpResponse<String> r =
            site.upload("/api/documents/upload", token, "n" + i + ".txt", "note " + i + "\n");
        assertEquals(503, r.statusCode(), r.body());
        assertEquals(
            "storage_unavailable",
            JSON.readTree(r.body()).path("error").path("code").asText(),
            r.body());
        Thread.sleep(250);
        alerts =
            JSON.readTree(
                client
                    .send(
                        HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/alerts")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
      }
      for (JsonNode alert : alerts.path("data").path("alerts")) {
        if (alert.path("labels").path("alertname").asText().equals("HighAPIErrorRate")) {
          assertEquals("pending", alert.path("state").asText(), alert.toString());
        }
      }
    } finally {
      Files.delete(objects);
      Files.move(moved, objects);
    }
    HttpResponse<String> again = site.upload("/api/documents/upload", token, "ok.txt", "back\n");
    assertEquals(201, again.statusCode(), again.body());
  }

  private static boolean hasAlert(JsonNode alerts, String name) {
    return alerts.path("data").path("alerts").findValues("alertname").stream()
        .anyMatch(n -> n.asText().equals(name));
  }

  /** The SSE stream and the WebSocket chat pass nginx (unbuffered, upgraded). */
  private static void chatStreamsThroughNginx(Site site, String token) throws Exception {
    HttpResponse<String> sse =
        site.post(
            "/api/chat/stream",
            token,
            Map.of("message", "what does an international transfer cost?"));
    assertEquals(200, sse.statusCode(), sse.body());
    assertTrue(
        sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"),
        sse.headers().map().toString());
    assertTrue(sse.body().contains("five euros"), sse.body());
    assertTrue(sse.body().endsWith("data: [DONE]\n\n"), sse.body());

    java.util.concurrent.BlockingQueue<String> frames =
        new java.util.concurrent.LinkedBlockingQueue<>();
    java.net.http.WebSocket ws =
        site.client()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(
                URI.create(site.base().replace("https:", "wss:") + "/api/chat/ws"),
                new java.net.http.WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public java.util.concurrent.CompletionStage<?> onText(
                      java.net.http.WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      frames.add(partial.toString());
                      partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    try {
      assertEquals("{\"type\":\"ready\"}", frames.poll(10, TimeUnit.SECONDS));
      ws.sendText("{\"message\":\"what does an international transfer cost?\"}", true)
          .get(10, TimeUnit.SECONDS);
      StringBuilder text = new StringBuilder();
      JsonNode f;
      do {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        assertNotNull(frame, "a chat frame through nginx");
        f = JSON.readTree(frame);
        text.append(f.path("response").asText());
      } while (!f.path("done").asBoolean());
      assertTrue(text.toString().contains("five euros"), text.toString());
    } finally {
      ws.abort();
    }
  }

  /** The backend target is up and every rule evaluated without error (bounded waits). */
  private static void monitoringIsUp(HttpClient client, String prometheus) throws Exception {
    JsonNode targets =
        await(
            client,
            prometheus + "/api/v1/targets",
            t ->
                t.path("data").path("activeTargets").size() >= 3
                    && t.path("data").path("activeTargets").findValues("health").stream()
                        .allMatch(h -> h.asText().equals("up")));
    assertEquals("up", backend(targets).path("health").asText(), targets.toString());
    JsonNode rules =
        await(
            client,
            prometheus + "/api/v1/rules",
            r ->
                !r.findValues("rules").isEmpty()
                    && r.path("data").path("groups").findValues("health").stream()
                        .allMatch(h -> h.asText().equals("ok")));
    List<String> failing = new ArrayList<>();
    for (JsonNode g : rules.path("data").path("groups")) {
      for (JsonNode rule : g.path("rules")) {
        if (!rule.path("lastError").asText("").isEmpty()) {
          failing.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
        }
      }
    }
    assertEquals(List.of(), failing);
    assertTrue(rules.path("data").path("groups").size() > 0);
    // The certificate dev up made is watched: its expiry reaches Prometheus through the API.
    JsonNode expiry =
        await(
            client,
            prometheus + "/api/v1/query?query=maiis_ssl_certificate_expiry_timestamp_seconds",
            q -> q.path("data").path("result").size() > 0);
    assertEquals(
        "backend",
        expiry.path("data").path("result").get(0).path("metric").path("job").asText(),
        expiry.toString());
  }

  private static JsonNode backend(JsonNode targets) {
    for (JsonNode t : targets.path("data").path("activeTargets")) {
      if (t.path("labels").path("job").asText().equals("backend")) {
        return t;
      }
    }
    return JSON.missingNode();
  }

  private static JsonNode await(HttpClient client, String url, Predicate<JsonNode> done)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      last = JSON.readTree(r.body());
      if (r.statusCode() == 200 && done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(url + " never reached the expected state: " + last);
  }

  private record Site(HttpClient client, String base) {
    HttpResponse<String> post(String path, String token, Map<String, String> body)
        throws Exception {
      return client.send(
          ApiRequests.post(base, path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String path, String token, String filename, String text)
        throws Exception {
      return multipart(
          path, token, "file", filename, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> multipart(
        String path, String token, String field, String filename, String type, byte[] content)
        throws Exception {
      String boundary = "maiis-it-boundary";
      byte[] head =
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field
                  + "\"; filename=\""
                  + filename
                  + "\"\r\nContent-Type: "
                  + type
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      body.write(head);
      body.write(content);
      body.write(tail);
      return client.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    String account(String token, String initial) throws Exception {
      HttpResponse<String> r =
          post(
              "/api/banking/accounts",
              token,
              Map.of("account_type", "checking", "currency", "USD", "initial_balance", initial));
      assertEquals(201, r.statusCode(), r.body());
      return JSON.readTree(r.body()).path("id").asText();
    }

    BigDecimal balance(String token, String account) throws Exception {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/banking/balance/" + account))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return new BigDecimal(JSON.readTree(r.body()).path("balance").asText());
    }
  }

  private static MaiisJar.Run maiis(Path dir, String... args) throws Exception {
    return MaiisJar.run(dir, args);
  }
}
