package org.maiis.acme;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.maiis.tls.TrustBundles;

/**
 * A small HTTPS front for Pebble 2.4 speaking the parts it lacks: its directory gains {@code
 * renewalInfo} (RFC 9773) and {@code meta.profiles}, and renewal-info requests get the window the
 * test sets. Orders still go to Pebble itself, which ignores the {@code replaces} and {@code
 * profile} fields it does not know.
 */
final class AriFront implements AutoCloseable {
  private final HttpsServer server;
  private final HttpClient http;
  private final URI pebbleDir;
  private final ObjectMapper json = new ObjectMapper();
  final AtomicInteger renewalInfoRequests = new AtomicInteger();
  volatile Instant windowStart;
  volatile Instant windowEnd;

  AriFront(PebbleFixture pebble) throws Exception {
    this.pebbleDir = pebble.directory();
    this.http =
        HttpClient.newBuilder().sslContext(TrustBundles.sslContext(pebble.caBundle())).build();
    server = Fronts.httpsServer(pebble, 8);
    server.createContext(
        "/dir",
        ex -> {
          try (ex) {
            ObjectNode dir = (ObjectNode) json.readTree(fetch(pebbleDir));
            dir.put("renewalInfo", Fronts.base(server) + "/renewal-info");
            ObjectNode profiles = ((ObjectNode) dir.get("meta")).putObject("profiles");
            profiles.put("classic", "90 days");
            profiles.put("shortlived", "160 hours");
            byte[] b = json.writeValueAsBytes(dir);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
          }
        });
    server.createContext(
        "/renewal-info/",
        ex -> {
          try (ex) {
            renewalInfoRequests.incrementAndGet();
            byte[] b = Fronts.renewalInfo(json, windowStart, windowEnd);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.getResponseHeaders().set("Retry-After", "21600");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
          }
        });
    server.start();
  }

  URI directory() {
    return URI.create(Fronts.base(server) + "/dir");
  }

  private String fetch(URI uri) throws IOException {
    try {
      return http.send(
              HttpRequest.newBuilder(uri).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
          .body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
