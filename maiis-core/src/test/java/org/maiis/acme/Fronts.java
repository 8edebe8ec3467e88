package org.maiis.acme;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * What the HTTPS fronts that tests put before Pebble ({@link AriFront}, {@link ProxyFront}) share.
 */
final class Fronts {
  private Fronts() {}

  /** An HTTPS server on loopback presenting Pebble's own server certificate, not started yet. */
  static HttpsServer httpsServer(PebbleFixture pebble, int backlog) throws Exception {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
    server.setHttpsConfigurator(new HttpsConfigurator(pebble.serverSslContext()));
    return server;
  }

  /** The base URL of {@code server}, as ACME clients are to call it. */
  static String base(HttpsServer server) {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A renewal-info (RFC 9773) answer suggesting the window from {@code start} to {@code end}. */
  static byte[] renewalInfo(ObjectMapper json, Instant start, Instant end) throws IOException {
    ObjectNode body = json.createObjectNode();
    ObjectNode w = body.putObject("suggestedWindow");
    w.put("start", start.toString());
    w.put("end", end.toString());
    return json.writeValueAsBytes(body);
  }
}
