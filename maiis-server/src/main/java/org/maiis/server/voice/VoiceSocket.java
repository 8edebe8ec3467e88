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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.maiis.server.auth.Principal;
import org.maiis.server.auth.WebSocketAuth;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.Json;
import org.maiis.server.http.WebSocketMetrics;
import org.maiis.server.rag.ChatService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/voice/ws}: spoken chat turns over a WebSocket, authenticated as every socket of the
 * API ({@link WebSocketAuth}): nothing is processed before authentication succeeds. Each audio
 * frame (binary WAV or MP3, or {@code {"type":"audio","audio_base64"}}) is answered by a transcript
 * frame, an answer frame and an audio frame.
 */
public final class VoiceSocket {
  // Five minutes of 16 kHz mono WAV fit; base64 text frames carry a third more.
  private static final long MAX_BINARY = 10L << 20;
  private static final long MAX_TEXT = 14L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(VoiceSocket.class);

  private final VoiceChat chat;
  private final WebSocketAuth auth;
  private final WebSocketMetrics metrics;
  private final ObjectMapper json = Json.base64Mapper();
  // The options binary frames are spoken with, per connection (set by an "options" frame).
  private final Map<String, SpeechOptions> options = new ConcurrentHashMap<>();

  /** Turns through {@code chat}; connections authenticated by {@code auth}. */
  public VoiceSocket(VoiceChat chat, WebSocketAuth auth, WebSocketMetrics metrics) {
    this.chat = chat;
    this.auth = auth;
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
    ctx.session.setMaxBinaryMessageSize(MAX_BINARY);
    ctx.session.setMaxTextMessageSize(MAX_TEXT);
    ctx.session.setMaxFrameSize(MAX_TEXT);
    options.put(ctx.sessionId(), SpeechOptions.of(null, null, null, null));
    auth.connected(ctx);
  }

  private void text(WsMessageContext ctx) {
    Optional<Principal> caller = auth.message(ctx, ctx.message());
    if (caller.isEmpty()) {
      return;
    }
    JsonNode frame;
    try {
      frame = json.readTree(ctx.message());
    } catch (IOException e) {
      String duplicate = Bodies.duplicateField(e);
      if (duplicate != null) {
        error(ctx, "invalid_field", duplicate + " is given more than once");
        return;
      }
      frame = null;
    }
    if (frame == null || !frame.isObject()) {
      error(ctx, "malformed_json", "each text frame must be a JSON object");
      return;
    }
    SpeechOptions current =
        options.getOrDefault(ctx.sessionId(), SpeechOptions.of(null, null, null, null));
    try {
      switch (frame.path("type").asText("")) {
        case "audio" ->
            turn(
                ctx,
                caller.get().userId(),
                VoiceController.base64(frame.path("audio_base64").asText(null)),
                options(frame, current));
        case "options" -> {
          SpeechOptions o = options(frame, current);
          options.put(ctx.sessionId(), o);
          send(ctx, Map.of("type", "options", "format", o.format()));
        }
        case "auth" -> error(ctx, "already_authenticated", "this connection is authenticated");
        default ->
            error(
                ctx,
                "unknown_type",
                "type must be audio or options (or a binary WAV or MP3 frame)");
      }
    } catch (Failure e) {
      error(ctx, e.code(), e.getMessage());
    }
  }

  private void binary(WsBinaryMessageContext ctx) {
    metrics.websocketMessage("inbound", "binary");
    Optional<Principal> caller = auth.authenticated(ctx);
    if (caller.isEmpty()) {
      return;
    }
    ByteBuffer data = ctx.data();
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    try {
      turn(
          ctx,
          caller.get().userId(),
          bytes,
          options.getOrDefault(ctx.sessionId(), SpeechOptions.of(null, null, null, null)));
    } catch (Failure e) {
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

  private void turn(WsContext ctx, String userId, byte[] audio, SpeechOptions o) {
    try {
      VoiceChat.Turn t =
          chat.turn(
              userId,
              audio,
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
                public void answered(ChatService.Answer a) {
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
      f.put("audio_base64", Base64.getEncoder().encodeToString(t.audio()));
      f.put("provider", t.ttsProvider());
      send(ctx, f);
    } catch (Failure e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("voice websocket turn failed: {}", e.getClass().getSimpleName());
      throw Failure.of(Failure.Kind.FAILED, "internal_error", "the turn failed; try again");
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
    options.remove(ctx.sessionId());
    auth.closed(ctx);
  }
}
