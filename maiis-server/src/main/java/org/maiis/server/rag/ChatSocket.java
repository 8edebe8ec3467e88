package org.maiis.server.rag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maiis.server.auth.Principal;
import org.maiis.server.auth.WebSocketAuth;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.Fields;
import org.maiis.server.http.WebSocketMetrics;
import org.maiis.server.work.Bulkhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket {@code /api/chat/ws}: after authentication ({@link WebSocketAuth}) each text frame
 * {@code {message, use_context, temperature, top_k}} is answered by frames {@code {type: "answer",
 * response, done: false}} with the pieces of the answer, then {@code {type: "answer", response: "",
 * done: true, mode, sources}}. Failures are {@code {type: "error", code, message}} frames; the
 * connection stays open.
 *
 * @param chat answers the questions
 * @param auth authenticates the connection and each frame
 * @param mapper writes the frames
 * @param metrics counts the frames
 * @param work where answers are computed (the pool the HTTP chat routes share)
 */
public record ChatSocket(
    ChatService chat,
    WebSocketAuth auth,
    ObjectMapper mapper,
    WebSocketMetrics metrics,
    Bulkhead work) {
  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);

  /** Registers the socket. */
  public void register(RoutesConfig routes) {
    routes.ws(
        "/api/chat/ws",
        ws -> {
          ws.onConnect(auth::connected);
          ws.onMessage(ctx -> auth.message(ctx, ctx.message()).ifPresent(p -> answer(ctx, p)));
          ws.onBinaryMessage(
              ctx -> {
                metrics.websocketMessage("inbound", "binary");
                ctx.closeSession(1003, "text frames only");
              });
          ws.onClose(auth::closed);
        });
  }

  private void answer(io.javalin.websocket.WsMessageContext ctx, Principal principal) {
    try {
      JsonNode frame = parse(ctx.message());
      String message =
          Fields.requiredText(
              "message",
              frame.path("message").isTextual() ? frame.path("message").asText() : null,
              ChatController.MAX_MESSAGE);
      ChatService.Options options = options(frame);
      ChatService.Answer answer =
          chat.streamOn(
              work,
              principal.userId(),
              message,
              options,
              chunk -> send(ctx, Map.of("type", "answer", "response", chunk, "done", false)));
      Map<String, Object> done = new LinkedHashMap<>();
      done.put("type", "answer");
      done.put("response", "");
      done.put("done", true);
      done.put("mode", answer.mode());
      done.put("sources", answer.sources());
      send(ctx, done);
    } catch (Failure e) {
      error(ctx, e.code(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("chat over WebSocket failed", e);
      error(ctx, "internal_error", "internal error");
    }
  }

  private void error(WsContext ctx, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "error");
    error.put("code", code);
    error.put("message", message);
    send(ctx, error);
    metrics.websocketMessage("outbound", "error");
  }

  private JsonNode parse(String text) {
    try {
      JsonNode node = mapper.readTree(text);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      String duplicate = Bodies.duplicateField(e);
      if (duplicate != null) {
        throw Failure.invalid("invalid_field", duplicate + " is given more than once");
      }
    }
    throw Failure.invalid("malformed_json", "a frame must be a JSON object");
  }

  private static ChatService.Options options(JsonNode frame) {
    JsonNode useContext = frame.path("use_context");
    if (!useContext.isMissingNode() && !useContext.isNull() && !useContext.isBoolean()) {
      throw Failure.invalid("invalid_field", "use_context must be true or false");
    }
    Optional<Double> temperature = Optional.empty();
    JsonNode t = frame.path("temperature");
    if (!t.isMissingNode() && !t.isNull()) {
      if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 2) {
        throw Failure.invalid("invalid_field", "temperature must be a number from 0 to 2");
      }
      temperature = Optional.of(t.asDouble());
    }
    int topK = ChatService.DEFAULT_TOP_K;
    JsonNode k = frame.path("top_k");
    if (!k.isMissingNode() && !k.isNull()) {
      if (!k.canConvertToInt()
          || !k.isIntegralNumber()
          || k.asInt() < 1
          || k.asInt() > ChatService.MAX_TOP_K) {
        throw Failure.invalid(
            "invalid_field", "top_k must be an integer from 1 to " + ChatService.MAX_TOP_K);
      }
      topK = k.asInt();
    }
    return new ChatService.Options(useContext.asBoolean(true), temperature, topK, List.of());
  }

  private void send(WsContext ctx, Object frame) {
    try {
      ctx.send(mapper.writeValueAsString(frame));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    metrics.websocketMessage("outbound", "text");
  }
}
