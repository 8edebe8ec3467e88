package org.maiis.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;
import org.maiis.tls.Pem;
import org.maiis.tls.TrustBundles;

/**
 * A reverse proxy in front of Pebble 2.4 that adds RFC 9773 renewal information and can reject
 * orders carrying {@code replaces} (as a CA does after an account change). The Host header is kept
 * so Pebble's URLs and JWS url checks name the proxy.
 */
final class ProxyFront implements AutoCloseable {
  static {
    // Lets HttpURLConnection forward the client's Host header (test-only; this JVM only).
    System.setProperty("sun.net.http.allowRestrictedHeaders", "true");
  }

  private final HttpsServer server;
  private final SSLContext client;
  private final int pebblePort;
  private final ObjectMapper json = new ObjectMapper();
  final AtomicInteger ordersWithReplaces = new AtomicInteger();
  final AtomicInteger plainOrders = new AtomicInteger();
  volatile boolean rejectReplaces;
  volatile Instant windowStart;

  /** Certificates downloaded through the proxy get another CA's certificate as their issuer. */
  volatile boolean breakChains;

  volatile Instant windowEnd;

  /**
   * How many of the next orders are answered {@link #limitStatus} (429 rateLimited, or a bare 503)
   * with {@link #retryAfterSeconds}.
   */
  final AtomicInteger rateLimitNextOrders = new AtomicInteger();

  volatile int limitStatus = 429;

  volatile int retryAfterSeconds = 1;

  /** When each order reached Pebble, and when each was answered 429 instead. */
  final List<Instant> orderTimes = java.util.Collections.synchronizedList(new ArrayList<>());

  final List<Instant> rateLimitedAt = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Orders created and not yet downloaded as a certificate, now and at most. */
  final AtomicInteger openOrders = new AtomicInteger();

  final AtomicInteger maxOpenOrders = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool();

  ProxyFront(PebbleFixture pebble) throws Exception {
    this.pebblePort = pebble.directory().getPort();
    this.client = TrustBundles.sslContext(pebble.caBundle());
    server = Fronts.httpsServer(pebble, 16);
    server.createContext("/", this::handle);
    // Lineages renewed at the same time are answered at the same time, as by a real CA.
    server.setExecutor(executor);
    server.start();
  }

  URI directory() {
    return URI.create(Fronts.base(server) + "/dir");
  }

  /** Orders that reached Pebble, with {@code replaces} or without. */
  int orders() {
    return plainOrders.get() + ordersWithReplaces.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      if (path.startsWith("/renewal-info/")) {
        send(ex, 200, "application/json", Fronts.renewalInfo(json, windowStart, windowEnd));
        return;
      }
      if (path.equals("/order-plz")
          && rateLimitNextOrders.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        rateLimitedAt.add(Instant.now());
        ex.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        if (limitStatus == 503) {
          send(ex, 503, "text/plain", "down for maintenance".getBytes(StandardCharsets.UTF_8));
          return;
        }
        sendProblem(ex, 429, "rateLimited", "too many new orders recently");
        return;
      }
      if (path.equals("/order-plz")) {
        orderTimes.add(Instant.now());
        maxOpenOrders.accumulateAndGet(openOrders.incrementAndGet(), Math::max);
        boolean replaces = payload(body).has("replaces");
        (replaces ? ordersWithReplaces : plainOrders).incrementAndGet();
        if (replaces && rejectReplaces) {
          sendProblem(ex, 409, "alreadyReplaced", "certificate was issued to another account");
          return;
        }
      }
      if (path.startsWith("/certZ/")) {
        // Before the answer: once the client has it, its next order may arrive at once.
        openOrders.decrementAndGet();
      }
      forward(ex, path, body);
    }
  }

  private JsonNode payload(byte[] jws) throws IOException {
    String p = json.readTree(jws).path("payload").asText("");
    return p.isEmpty() ? json.createObjectNode() : json.readTree(Base64.getUrlDecoder().decode(p));
  }

  private void forward(HttpExchange ex, String path, byte[] body) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    URI target =
        URI.create("https://127.0.0.1:" + pebblePort + path + (query == null ? "" : "?" + query));
    HttpsURLConnection c = (HttpsURLConnection) target.toURL().openConnection();
    c.setSSLSocketFactory(client.getSocketFactory());
    c.setInstanceFollowRedirects(false);
    c.setRequestMethod(ex.getRequestMethod());
    c.setRequestProperty("Host", ex.getRequestHeaders().getFirst("Host"));
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type != null) {
      c.setRequestProperty("Content-Type", type);
    }
    if (body.length > 0) {
      c.setDoOutput(true);
      c.getOutputStream().write(body);
    }
    int status = c.getResponseCode();
    byte[] out;
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      out = in == null ? new byte[0] : in.readAllBytes();
    }
    byte[] rewritten = out;
    if (path.startsWith("/certZ/") && breakChains && status == 200) {
      rewritten = withForeignIssuer(out);
    }
    if (path.equals("/dir")) {
      ObjectNode dir = (ObjectNode) json.readTree(out);
      dir.put("renewalInfo", Fronts.base(server) + "/renewal-info");
      rewritten = json.writeValueAsBytes(dir);
    }
    for (String h : List.of("Replay-Nonce", "Location", "Link", "Retry-After", "Cache-Control")) {
      var values = c.getHeaderFields().get(h);
      if (values != null) {
        for (String v : values) {
          ex.getResponseHeaders().add(h, v);
        }
      }
    }
    send(ex, status, c.getContentType(), rewritten);
  }

  // The leaf as Pebble issued it, followed by a CA certificate that did not sign it.
  private static byte[] withForeignIssuer(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    String end = "-----END CERTIFICATE-----";
    String leaf = text.substring(0, text.indexOf(end) + end.length());
    X509Certificate foreign =
        Certificates.authority(
            KeyPairs.generate(KeyType.EC256),
            "Not The Issuer",
            Instant.now(),
            Instant.now().plusSeconds(86_400));
    return (leaf + "\n" + Pem.certificates(List.of(foreign))).getBytes(StandardCharsets.US_ASCII);
  }

  /** An ACME problem document of type {@code urn:ietf:params:acme:error:<type>}. */
  private static void sendProblem(HttpExchange ex, int status, String type, String detail)
      throws IOException {
    byte[] p =
        ("{\"type\":\"urn:ietf:params:acme:error:"
                + type
                + "\",\"detail\":\""
                + detail
                + "\",\"status\":"
                + status
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    send(ex, status, "application/problem+json", p);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] b) throws IOException {
    if (type != null) {
      ex.getResponseHeaders().set("Content-Type", type);
    }
    if (ex.getRequestMethod().equals("HEAD") || b.length == 0) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
