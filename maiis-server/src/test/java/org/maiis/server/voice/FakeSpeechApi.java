package org.maiis.server.voice;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server speaking the OpenAI/ElevenLabs wire protocol from a script: each request
 * is recorded whole and answered with the next scripted reply (then 404 when the script runs out).
 */
public final class FakeSpeechApi implements AutoCloseable {
  /** A scripted answer, sent after {@code delayMillis}. */
  public record Reply(int status, String contentType, byte[] body, long delayMillis) {
    public static Reply json(String json) {
      return new Reply(200, "application/json", json.getBytes(StandardCharsets.UTF_8), 0);
    }

    public static Reply status(int status) {
      return new Reply(
          status,
          "application/json",
          "{\"error\":{\"message\":\"Incorrect API key provided: sk-te***23\"}}"
              .getBytes(StandardCharsets.UTF_8),
          0);
    }
  }

  /** A request as received. */
  public record Request(
      String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();

  public FakeSpeechApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized FakeSpeechApi then(Reply r) {
    script.add(r);
    return this;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
    byte[] body = ex.getRequestBody().readAllBytes();
    Reply r;
    synchronized (this) {
      requests.add(
          new Request(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body));
      r = script.isEmpty() ? new Reply(404, "text/plain", new byte[0], 0) : script.poll();
    }
    if (r.delayMillis() > 0) {
      try {
        Thread.sleep(r.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        ex.getResponseBody().write(r.body());
      }
    } catch (IOException e) {
      // The client gave up (its timeout): nothing to answer.
    } finally {
      ex.close();
    }
  }

  /** The parts of a multipart/form-data body: name to (headers, content). */
  static Map<String, Part> multipart(Request r) {
    String type = r.header("content-type");
    String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length());
    String body = new String(r.body(), StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    String delimiter = "--" + boundary;
    int at = body.indexOf(delimiter);
    while (at >= 0) {
      int start = at + delimiter.length();
      if (body.startsWith("--", start)) {
        break;
      }
      int headersEnd = body.indexOf("\r\n\r\n", start);
      int next = body.indexOf("\r\n" + delimiter, headersEnd);
      String head = body.substring(start + 2, headersEnd);
      byte[] content = body.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
      java.util.regex.Matcher name =
          java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(head);
      name.find();
      parts.put(name.group(1), new Part(head, content));
      at = next + 2;
    }
    return parts;
  }

  /** One multipart part. */
  record Part(String headers, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
