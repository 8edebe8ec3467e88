package org.maiis.acme;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves a webroot on loopback, standing in for nginx during http-01 tests. */
public final class WebrootServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;

  /** Serves {@code root} on 127.0.0.1:{@code port}. */
  public WebrootServer(Path root, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
    server.createContext(
        "/",
        ex -> {
          int now = inFlight.incrementAndGet();
          maxInFlight.accumulateAndGet(now, Math::max);
          try (ex) {
            sleep(delay);
            Path f = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
              ex.sendResponseHeaders(404, -1);
              return;
            }
            byte[] b = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
          } finally {
            inFlight.decrementAndGet();
          }
        });
    // Validation requests for lineages renewed at the same time are served at the same time.
    server.setExecutor(executor);
    server.start();
  }

  /** Holds each answer back for {@code d}, so requests that overlap can be counted. */
  public void delay(Duration d) {
    delay = d;
  }

  /** The most requests served at the same time so far. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
