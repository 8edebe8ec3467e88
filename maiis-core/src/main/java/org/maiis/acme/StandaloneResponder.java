package org.maiis.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;

/** http-01 from a small built-in HTTP server, for hosts with nothing on port 80 yet. */
public final class StandaloneResponder implements ChallengeResponder {
  private static final String PREFIX = "/.well-known/acme-challenge/";
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final HttpServer server;

  /** Starts listening on {@code address} right away, so a busy port fails before any order. */
  public StandaloneResponder(InetSocketAddress address) throws IOException {
    try {
      server = HttpServer.create(address, 16);
    } catch (java.net.BindException e) {
      throw new IOException(
          "cannot listen on port " + address.getPort() + ": " + e.getMessage(), e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  @Override
  public Challenge answer(Authorization auth) throws IOException {
    Http01Challenge c =
        auth.findChallenge(Http01Challenge.class)
            .orElseThrow(() -> ChallengeResponder.unsupported(auth, "http-01"));
    answers.put(c.getToken(), c.getAuthorization());
    return c;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String body = path.startsWith(PREFIX) ? answers.get(path.substring(PREFIX.length())) : null;
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] b = body.getBytes(StandardCharsets.US_ASCII);
      ex.getResponseHeaders().set("Content-Type", "text/plain");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    answers.clear();
  }
}
