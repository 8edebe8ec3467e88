package org.maiis.acme;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves a webroot on loopback, standing in for nginx during http-01 tests. */
public final class WebrootServer implements AutoCloseable {
  private final HttpServer server;

  /** Serves {@code root} on 127.0.0.1:{@code port}. */
  public WebrootServer(Path root, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            Path f = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
              ex.sendResponseHeaders(404, -1);
              return;
            }
            byte[] b = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
          }
        });
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
