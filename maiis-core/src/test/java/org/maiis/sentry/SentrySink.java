package org.maiis.sentry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A local HTTP endpoint standing in for Sentry's ingest: the real SDK posts its envelopes here (DSN
 * {@code http://key@127.0.0.1:PORT/1}), and tests read exactly what would have left the process.
 */
public final class SentrySink implements AutoCloseable {
  private final HttpServer server;
  private final List<String> envelopes = new CopyOnWriteArrayList<>();

  /** Starts the sink on a free loopback port. */
  public SentrySink() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            InputStream in = "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
            envelopes.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  /** The DSN that sends to this sink. */
  public String dsn() {
    return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/1";
  }

  /** Every envelope received so far, decompressed. */
  public List<String> envelopes() {
    return List.copyOf(envelopes);
  }

  /** All envelopes as one text. */
  public String all() {
    return String.join("\n", envelopes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
