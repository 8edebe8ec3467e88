package org.maiis.server.rag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ErrorBody;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.http.Fields;
import org.maiis.server.rag.llm.ChatMessage;
import org.maiis.server.work.Bulkhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The /api/chat HTTP routes: an answer as JSON ({@code message}) or as Server-Sent Events ({@code
 * stream}), the caller's history, and the health of retrieval and the language model. Answers are
 * computed on {@code work}, so a burst of questions waits there (or gets 503) instead of taking the
 * request threads banking needs.
 *
 * @param chat answers questions
 * @param history the caller's turns
 * @param authenticator who calls
 * @param bodies reads the request bodies
 * @param mapper writes the streamed events
 * @param work where answers are computed
 */
public record ChatController(
    ChatService chat,
    ChatHistory history,
    Authenticator authenticator,
    Bodies bodies,
    ObjectMapper mapper,
    Bulkhead work) {
  private static final Logger LOG = LoggerFactory.getLogger(ChatController.class);
  static final int MAX_MESSAGE = 4000;
  private static final int MAX_HISTORY_ITEMS = 20;
  private static final int MAX_PAGE = 100;

  /**
   * An earlier turn sent by the client.
   *
   * @param role user or assistant
   * @param content its text
   */
  public record HistoryItem(String role, String content) {}

  /**
   * The request.
   *
   * @param message the question
   * @param conversationHistory earlier turns, oldest first (given to the language model)
   * @param stream answer as Server-Sent Events, like {@code /api/chat/stream}
   */
  public record MessageRequest(
      String message, List<HistoryItem> conversationHistory, Boolean stream) {}

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/api/chat/message", ErrorResponses.handled(this::message));
    routes.post("/api/chat/stream", ErrorResponses.handled(this::stream));
    routes.get("/api/chat/history", ErrorResponses.handled(this::history));
    routes.delete(
        "/api/chat/history",
        ErrorResponses.handled(
            ctx -> ctx.json(Map.of("deleted", history.clear(authenticator.userId(ctx))))));
    routes.delete(
        "/api/chat/history/{id}",
        ErrorResponses.handled(
            ctx -> {
              if (!history.delete(authenticator.userId(ctx), ctx.pathParam("id"))) {
                throw Failure.notFound("not_found", "no such chat turn");
              }
              ctx.json(Map.of("deleted", true, "id", ctx.pathParam("id")));
            }));
    routes.get("/api/chat/health", ErrorResponses.handled(this::health));
  }

  private void message(Context ctx) {
    String user = authenticator.userId(ctx);
    MessageRequest req = bodies.read(ctx, MessageRequest.class);
    String message = Fields.requiredText("message", req.message(), MAX_MESSAGE);
    ChatService.Options options = options(req);
    if (Boolean.TRUE.equals(req.stream())) {
      sse(ctx, user, message, options);
      return;
    }
    ctx.json(chat.streamOn(work, user, message, options, chunk -> {}));
  }

  private void stream(Context ctx) {
    String user = authenticator.userId(ctx);
    MessageRequest req = bodies.read(ctx, MessageRequest.class);
    sse(ctx, user, Fields.requiredText("message", req.message(), MAX_MESSAGE), options(req));
  }

  private void sse(Context ctx, String user, String message, ChatService.Options options) {
    SseStream sse = new SseStream(ctx);
    ChatService.Answer answer;
    try {
      answer = chat.streamOn(work, user, message, options, sse::data);
    } catch (Failure e) {
      if (!sse.started()) {
        throw e;
      }
      // Mid-stream the status is sent already: the error becomes an event, then the end marker.
      sse.event("error", json(ErrorBody.of(e.code(), e.getMessage())));
      sse.done();
      return;
    } catch (UncheckedIOException e) {
      return;
    } catch (RuntimeException e) {
      if (!sse.started()) {
        throw e;
      }
      LOG.error("chat stream failed", e);
      sse.event("error", json(ErrorBody.of("internal_error", "internal error")));
      sse.done();
      return;
    }
    try {
      Map<String, Object> end = new LinkedHashMap<>();
      end.put("mode", answer.mode());
      end.put("sources", answer.sources());
      sse.event("sources", json(end));
      sse.done();
    } catch (UncheckedIOException e) {
      // The client left after the answer; nothing to tell it.
    }
  }

  private static ChatService.Options options(MessageRequest req) {
    List<ChatMessage> turns = new ArrayList<>();
    List<HistoryItem> items =
        req.conversationHistory() == null ? List.of() : req.conversationHistory();
    if (items.size() > MAX_HISTORY_ITEMS) {
      throw Failure.invalid(
          "invalid_field", "conversation_history has more than " + MAX_HISTORY_ITEMS + " items");
    }
    for (HistoryItem item : items) {
      String role = item == null || item.role() == null ? "" : item.role().toLowerCase(Locale.ROOT);
      if (!role.equals("user") && !role.equals("assistant")) {
        throw Failure.invalid(
            "invalid_field", "conversation_history[].role must be user or assistant");
      }
      String content =
          Fields.optionalText("conversation_history[].content", item.content(), MAX_MESSAGE)
              .orElse("");
      turns.add(new ChatMessage(role, content));
    }
    return new ChatService.Options(true, Optional.empty(), ChatService.DEFAULT_TOP_K, turns);
  }

  private void history(Context ctx) {
    String user = authenticator.userId(ctx);
    int limit = intParam(ctx, "limit", 20, 1, MAX_PAGE);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    ctx.json(history.page(user, limit, offset));
  }

  private void health(Context ctx) {
    String user = authenticator.userId(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", chat.llm().isPresent() ? "generated" : "extractive");
    Map<String, Object> retrieval = new LinkedHashMap<>();
    Optional<String> problem = chat.retrievalProblem(user);
    retrieval.put("status", problem.isEmpty() ? "ok" : "unavailable");
    problem.ifPresent(r -> retrieval.put("reason", r));
    out.put("retrieval", retrieval);
    Map<String, Object> llm = new LinkedHashMap<>();
    if (chat.llm().isEmpty()) {
      llm.put("provider", "none");
      llm.put("status", "not_configured");
    } else {
      llm.put("provider", "ollama");
      llm.put("model", chat.llm().get().model());
      Optional<String> reason = chat.llm().get().unavailableReason();
      llm.put("status", reason.isEmpty() ? "ok" : "unavailable");
      reason.ifPresent(r -> llm.put("reason", r));
    }
    out.put("llm", llm);
    ctx.json(out);
  }

  private static int intParam(Context ctx, String name, int def, int min, int max) {
    String v = Fields.query(ctx, name);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw Failure.invalid("invalid_field", name + " must be an integer from " + min + " to " + max);
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
