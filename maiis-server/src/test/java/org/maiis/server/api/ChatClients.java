package org.maiis.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Test clients of the chat: a Server-Sent Events reader and a WebSocket that records frames. */
final class ChatClients {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ChatClients() {}

  /**
   * One event of a stream.
   *
   * @param name its name, "message" when unnamed
   * @param data its data lines joined by newlines
   */
  record Event(String name, String data) {}

  /**
   * A whole event-stream response.
   *
   * @param status HTTP status
   * @param contentType its Content-Type
   * @param events the events in order
   * @param body the raw body
   */
  record Stream(int status, String contentType, List<Event> events, String body) {
    String text() {
      StringBuilder out = new StringBuilder();
      for (Event e : events) {
        if (e.name().equals("message") && !e.data().equals("[DONE]")) {
          out.append(e.data());
        }
      }
      return out.toString();
    }
  }

  /** The same with {@code body} written as JSON. */
  static Stream sse(Api api, String path, String token, Map<String, ?> body)
      throws IOException, InterruptedException {
    return sse(api, path, token, Api.JSON.writeValueAsString(body));
  }

  static Stream sse(Api api, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.base() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Stream(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        parse(r.body()),
        r.body());
  }

  static List<Event> parse(String body) {
    List<Event> events = new ArrayList<>();
    String name = "message";
    StringBuilder data = null;
    for (String line : body.split("\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Event(name, data.toString()));
        }
        name = "message";
        data = null;
      } else if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data:")) {
        String d = line.substring(5);
        d = d.startsWith(" ") ? d.substring(1) : d;
        data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
      }
    }
    return events;
  }

  /** A WebSocket client recording text frames and the close. */
  static final class Socket implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final Duration frameWait;
    WebSocket ws;

    private Socket(Duration frameWait) {
      this.frameWait = frameWait;
    }

    /** A client of the chat WebSocket, waiting up to 30 s for each frame. */
    static Socket open(Api api, String authorization) throws Exception {
      return open(api, "/api/chat/ws", authorization, Duration.ofSeconds(30));
    }

    /**
     * A client of the WebSocket at {@code path}, waiting up to {@code frameWait} for each frame.
     */
    static Socket open(Api api, String path, String authorization, Duration frameWait)
        throws Exception {
      Socket s = new Socket(frameWait);
      WebSocket.Builder b = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      s.ws =
          b.buildAsync(URI.create(api.base().replace("http:", "ws:") + path), s)
              .get(10, TimeUnit.SECONDS);
      return s;
    }

    void send(String text) throws Exception {
      ws.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    JsonNode next() throws Exception {
      String f = frames.poll(frameWait.toMillis(), TimeUnit.MILLISECONDS);
      if (f == null) {
        throw new AssertionError(
            "no frame within " + frameWait.toSeconds() + " s; closed: " + closed.getNow("no"));
      }
      return Api.JSON.readTree(f);
    }

    /** "code reason" of the close the server sent. */
    String closeStatus() throws Exception {
      return closed.get(30, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
    }

    @Override
    public void close() {
      ws.abort();
    }
  }
}
