package org.maiis.server.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.maiis.server.Instrumentation;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/voice/ws}: spoken chat turns over a WebSocket. Authenticated by an {@code
 * Authorization: Bearer} header on the upgrade or a first {@code {"type":"auth","access_token"}}
 * frame within {@link #AUTH_DEADLINE}; otherwise closed with 1008 before any frame is processed.
 * Each audio frame (binary WAV, or {@code {"type":"audio","audio_base64"}}) is answered by a
 * transcript frame, an answer frame and an audio frame.
 */
public final class VoiceSocket implements AutoCloseable {
  /** How long an unauthenticated connection may stay open. */
  public static final Duration AUTH_DEADLINE = Duration.ofSeconds(10);

  /** Policy violation: the close code for every authentication failure. */
  public static final int UNAUTHORIZED = 1008;

  // Five minutes of 16 kHz mono WAV fit; base64 text frames carry a third more.
  private static final long MAX_BINARY = 10L << 20;
  private static final long MAX_TEXT = 14L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(VoiceSocket.class);

  /** Per connection: who, once authenticated, and the options binary frames are spoken with. */
  private static final class Connection {
    volatile String userId;
    volatile SpeechOptions options = SpeechOptions.of(null, null, null, null);
    volatile ScheduledFuture<?> deadline;
  }

  private final VoiceChat chat;
  private final Authenticator authenticator;
  private final Instrumentation metrics;
  private final ObjectMapper json = VoiceController.audioMapper();
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "maiis-voice-ws-auth");
            t.setDaemon(true);
            return t;
          });

  /** Turns through {@code chat}; tokens checked by {@code authenticator}. */
  public VoiceSocket(VoiceChat chat, Authenticator authenticator, Instrumentation metrics) {
    this.chat = chat;
    this.authenticator = authenticator;
    this.metrics = metrics;
  }

  /** Registers the WebSocket route. */
  public void register(RoutesConfig routes) {
    routes.ws(
        "/api/voice/ws",
        ws -> {
          ws.onConnect(this::connected);
          ws.onMessage(this::text);
          ws.onBinaryMessage(this::binary);
          ws.onClose(this::closed);
          ws.onError(ctx -> LOG.debug("voice websocket error"));
        });
  }

  private void connected(WsConnectContext ctx) {
    metrics.websocketConnection(true);
    ctx.session.setMaxBinaryMessageSize(MAX_BINARY);
    ctx.session.setMaxTextMessageSize(MAX_TEXT);
    ctx.session.setMaxFrameSize(MAX_TEXT);
    Connection c = new Connection();
    connections.put(ctx.sessionId(), c);
    String header = ctx.header("Authorization");
    if (header != null) {
      authenticate(ctx, c, header);
      return;
    }
    c.deadline =
        timer.schedule(
            () -> {
              if (c.userId == null) {
                refuse(ctx);
              }
            },
            AUTH_DEADLINE.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private void authenticate(WsContext ctx, Connection c, String header) {
    try {
      c.userId = authenticator.requireHeader(header).userId();
    } catch (ApiException e) {
      refuse(ctx);
      return;
    }
    ScheduledFuture<?> d = c.deadline;
    if (d != null) {
      d.cancel(false);
    }
    send(ctx, Map.of("type", "ready"));
  }

  private void refuse(WsContext ctx) {
    ctx.closeSession(UNAUTHORIZED, "unauthorized");
  }

  private void text(WsMessageContext ctx) {
    metrics.websocketMessage("inbound", "text");
    Connection c = connections.get(ctx.sessionId());
    JsonNode frame;
    try {
      frame = json.readTree(ctx.message());
    } catch (IOException e) {
      frame = null;
    }
    String type = frame == null ? "" : frame.path("type").asText("");
    if (c == null || c.userId == null) {
      // Only an auth frame may come first; anything else closes the connection unprocessed.
      String token = frame == null ? "" : frame.path("access_token").asText("");
      if (c == null || !type.equals("auth") || token.isBlank()) {
        refuse(ctx);
      } else {
        authenticate(ctx, c, "Bearer " + token);
      }
      return;
    }
    if (frame == null || !frame.isObject()) {
      error(ctx, "invalid_json", "each text frame must be a JSON object");
      return;
    }
    try {
      switch (type) {
        case "audio" -> {
          SpeechOptions o = options(frame, c.options);
          turn(ctx, c, VoiceController.base64(frame.path("audio_base64").asText(null)), o);
        }
        case "options" -> {
          c.options = options(frame, c.options);
          send(ctx, Map.of("type", "options", "format", c.options.format()));
        }
        case "auth" -> error(ctx, "already_authenticated", "this connection is authenticated");
        default ->
            error(ctx, "unknown_type", "type must be audio or options (or a binary WAV frame)");
      }
    } catch (ApiException e) {
      error(ctx, e.code(), e.getMessage());
    }
  }

  private void binary(WsBinaryMessageContext ctx) {
    metrics.websocketMessage("inbound", "binary");
    Connection c = connections.get(ctx.sessionId());
    if (c == null || c.userId == null) {
      refuse(ctx);
      return;
    }
    ByteBuffer data = ctx.data();
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    try {
      turn(ctx, c, bytes, c.options);
    } catch (ApiException e) {
      error(ctx, e.code(), e.getMessage());
    }
  }

  private static SpeechOptions options(JsonNode f, SpeechOptions current) {
    return SpeechOptions.of(
        f.hasNonNull("language") ? f.get("language").asText() : current.language(),
        f.hasNonNull("voice") ? f.get("voice").asText() : null,
        f.hasNonNull("speed") ? f.get("speed").asDouble() : current.speed(),
        f.hasNonNull("format") ? f.get("format").asText() : current.format());
  }

  private void turn(WsContext ctx, Connection c, byte[] audio, SpeechOptions o) {
    try {
      VoiceChat.Turn t =
          chat.turn(
              c.userId,
              VoiceController.wav(audio),
              o,
              new VoiceChat.Progress() {
                @Override
                public void heard(String transcript, String provider) {
                  Map<String, Object> f = new LinkedHashMap<>();
                  f.put("type", "transcript");
                  f.put("text", transcript);
                  f.put("language", o.language());
                  f.put("provider", provider);
                  send(ctx, f);
                }

                @Override
                public void answered(VoiceChat.Answer a) {
                  Map<String, Object> f = new LinkedHashMap<>();
                  f.put("type", "answer");
                  f.put("response", a.response());
                  f.put("mode", a.mode());
                  f.put("sources", a.sources());
                  send(ctx, f);
                }
              });
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("type", "audio");
      f.put("format", t.format());
      f.put(
          "audio_base64", t.audio() == null ? null : Base64.getEncoder().encodeToString(t.audio()));
      f.put("provider", t.ttsProvider());
      send(ctx, f);
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("voice websocket turn failed: {}", e.getClass().getSimpleName());
      throw new ApiException(500, "internal_error", "the turn failed; try again");
    }
  }

  private void error(WsContext ctx, String code, String message) {
    metrics.websocketMessage("outbound", "error");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", "error");
    f.put("code", code);
    f.put("message", message);
    sendJson(ctx, f);
  }

  private void send(WsContext ctx, Map<String, ?> frame) {
    metrics.websocketMessage("outbound", "text");
    sendJson(ctx, frame);
  }

  private void sendJson(WsContext ctx, Map<String, ?> frame) {
    try {
      ctx.send(json.writeValueAsString(frame));
    } catch (IOException e) {
      LOG.debug("voice websocket frame not sent");
    }
  }

  private void closed(WsCloseContext ctx) {
    metrics.websocketConnection(false);
    Connection c = connections.remove(ctx.sessionId());
    if (c != null && c.deadline != null) {
      c.deadline.cancel(false);
    }
  }

  /** Stops the authentication deadline timer. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
