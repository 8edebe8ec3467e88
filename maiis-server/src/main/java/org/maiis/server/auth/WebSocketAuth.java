package org.maiis.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.WebSocketMetrics;

/**
 * WebSocket authentication, the same for every socket of the API. A client authenticates with
 * {@code Authorization: Bearer} on the upgrade request or, since browsers cannot set that header,
 * with a first text frame {@code {"type":"auth","access_token":"..."}} within the auth window.
 * Tokens are never taken from the URL (they would land in access logs). A missing, invalid, expired
 * or revoked token closes the connection with 1008 {@code unauthorized} before any message is
 * processed; after success the server sends {@code {"type":"ready"}}. The token is checked again
 * before every message, so a logout ends an open connection too.
 */
public final class WebSocketAuth {
  /** How long a connection may stay unauthenticated. */
  public static final Duration AUTH_WINDOW = Duration.ofSeconds(10);

  private static final String READY = "{\"type\":\"ready\"}";

  private record Connection(Optional<String> token, Optional<ScheduledFuture<?>> deadline) {}

  private final Authenticator authenticator;
  private final ScheduledExecutorService timer;
  private final Duration window;
  private final ObjectMapper mapper = new ObjectMapper();
  private final WebSocketMetrics metrics;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  /**
   * Authentication through {@code authenticator}.
   *
   * @param timer closes connections that do not authenticate within {@code window}
   */
  public WebSocketAuth(
      Authenticator authenticator,
      ScheduledExecutorService timer,
      Duration window,
      WebSocketMetrics metrics) {
    this.authenticator = authenticator;
    this.timer = timer;
    this.window = window;
    this.metrics = metrics;
  }

  /** Call from {@code onConnect}: authenticates by header, or starts the auth window. */
  public void connected(WsContext ctx) {
    metrics.websocketConnection(true);
    String header = ctx.header("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        refuse(ctx);
        return;
      }
      accept(ctx, header.substring(7).strip());
      return;
    }
    ScheduledFuture<?> deadline =
        timer.schedule(
            () -> {
              Connection c = connections.get(ctx.sessionId());
              if (c != null && c.token().isEmpty()) {
                refuse(ctx);
              }
            },
            window.toMillis(),
            TimeUnit.MILLISECONDS);
    connections.put(ctx.sessionId(), new Connection(Optional.empty(), Optional.of(deadline)));
  }

  /**
   * Call from {@code onMessage}: the caller when {@code message} is to be processed; empty when it
   * was the auth frame (handled here) or the connection was closed as unauthorized.
   */
  public Optional<Principal> message(WsContext ctx, String message) {
    metrics.websocketMessage("inbound", "text");
    Connection c = connections.get(ctx.sessionId());
    if (c == null) {
      refuse(ctx);
      return Optional.empty();
    }
    if (c.token().isEmpty()) {
      c.deadline().ifPresent(d -> d.cancel(false));
      Optional<String> token = authFrame(message);
      if (token.isEmpty()) {
        refuse(ctx);
      } else {
        accept(ctx, token.get());
      }
      return Optional.empty();
    }
    return stillValid(ctx, c);
  }

  /**
   * Call before processing a binary frame: the caller when the connection is authenticated and its
   * token still valid; otherwise the connection is closed as unauthorized and the result is empty.
   */
  public Optional<Principal> authenticated(WsContext ctx) {
    Connection c = connections.get(ctx.sessionId());
    if (c == null || c.token().isEmpty()) {
      refuse(ctx);
      return Optional.empty();
    }
    return stillValid(ctx, c);
  }

  private Optional<Principal> stillValid(WsContext ctx, Connection c) {
    Optional<Principal> holder = authenticator.stillValid(c.token().get());
    if (holder.isEmpty()) {
      refuse(ctx);
    }
    return holder;
  }

  /** Call from {@code onClose}. */
  public void closed(WsContext ctx) {
    Connection c = connections.remove(ctx.sessionId());
    if (c != null) {
      c.deadline().ifPresent(d -> d.cancel(false));
    }
    metrics.websocketConnection(false);
  }

  private void accept(WsContext ctx, String token) {
    try {
      authenticator.requireWebSocket(token);
    } catch (Failure e) {
      refuse(ctx);
      return;
    }
    connections.put(ctx.sessionId(), new Connection(Optional.of(token), Optional.empty()));
    ctx.send(READY);
    metrics.websocketMessage("outbound", "text");
  }

  private Optional<String> authFrame(String message) {
    try {
      JsonNode node = mapper.readTree(message);
      if (node != null
          && "auth".equals(node.path("type").asText())
          && node.path("access_token").isTextual()) {
        return Optional.of(node.path("access_token").asText());
      }
    } catch (IOException e) {
      // Not JSON: not an auth frame.
    }
    return Optional.empty();
  }

  private static void refuse(WsContext ctx) {
    ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "unauthorized");
  }
}
