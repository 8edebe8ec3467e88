package org.maiis.server.rag.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.maiis.testing.JsonReplies;

/**
 * A local HTTP server speaking Ollama's API ({@code POST /api/chat} streaming NDJSON, {@code GET
 * /api/tags}), scripted per test, recording every request it receives.
 */
public final class FakeOllama implements AutoCloseable {
  /**
   * A received request.
   *
   * @param method HTTP method
   * @param path request path
   * @param contentType its Content-Type
   * @param body parsed JSON body (null for GET)
   */
  public record Request(String method, String path, String contentType, JsonNode body) {}

  /** What /api/chat answers. */
  public interface Script {
    /** Writes the response to {@code exchange}. */
    void answer(HttpExchange exchange) throws IOException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile Script script = streaming("Hello", " world");
  private volatile String tags = "{\"models\":[{\"name\":\"llama3.2:latest\"}]}";

  /** Starts on a free loopback port. */
  public FakeOllama() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/api/chat",
        ex -> {
          record(ex);
          try {
            script.answer(ex);
          } finally {
            ex.close();
          }
        });
    server.createContext(
        "/api/tags",
        ex -> {
          record(ex);
          byte[] b = tags.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
  }

  /** Its base URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Sets what /api/chat answers next. */
  public void script(Script s) {
    this.script = s;
  }

  /** Sets the body of /api/tags. */
  public void tags(String json) {
    this.tags = json;
  }

  /** The requests received so far. */
  public List<Request> requests() {
    return requests;
  }

  /** Streams {@code pieces} as Ollama does, then the final line with token counts 26 and 3. */
  public static Script streaming(String... pieces) {
    return ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      for (String p : pieces) {
        line(
            out,
            "{\"model\":\"llama3.2\",\"created_at\":\"2026-11-25T18:00:00Z\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":"
                + JSON.writeValueAsString(p)
                + "},\"done\":false}");
      }
      line(
          out,
          "{\"model\":\"llama3.2\",\"created_at\":\"2026-11-25T18:00:01Z\",\"message\":"
              + "{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
              + "\"total_duration\":5000000,\"prompt_eval_count\":26,\"eval_count\":3}");
    };
  }

  /** Answers {@code status} with Ollama's error body. */
  public static Script error(int status, String message) {
    return ex -> {
      JsonReplies.send(ex, status, "{\"error\":" + JSON.writeValueAsString(message) + "}");
    };
  }

  /** Streams one piece, then an error line (as Ollama does when generation fails midway). */
  public static Script failingMidStream(String piece, String message) {
    return ex -> {
      OutputStream out = startWith(ex, piece);
      line(out, "{\"error\":" + JSON.writeValueAsString(message) + "}");
    };
  }

  /** Streams one piece, then stalls until the fake is closed. */
  public Script stallingAfter(String piece) {
    return ex -> {
      startWith(ex, piece);
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Starts a stream whose first line carries {@code piece}, not done yet. */
  private static OutputStream startWith(HttpExchange ex, String piece) throws IOException {
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    line(
        out,
        "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":"
            + JSON.writeValueAsString(piece)
            + "},\"done\":false}");
    return out;
  }

  private static void line(OutputStream out, String json) throws IOException {
    out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void record(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    requests.add(
        new Request(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            ex.getRequestHeaders().getFirst("Content-Type"),
            body.length == 0 ? null : JSON.readTree(body)));
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
