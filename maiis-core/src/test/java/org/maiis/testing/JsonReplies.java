package org.maiis.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** How the fake HTTP peers that tests start on loopback (Ollama, Qdrant) answer in JSON. */
public final class JsonReplies {
  private JsonReplies() {}

  /** Answers {@code status} with the JSON {@code body} and closes the exchange. */
  public static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }
}
