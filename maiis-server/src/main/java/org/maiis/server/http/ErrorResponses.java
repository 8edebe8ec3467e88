package org.maiis.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.maiis.server.failure.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to the one JSON error shape. Unexpected exceptions become a 500 with a generic
 * message: the stack trace goes to the log, never into the response.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private static final Map<Integer, String> CODES =
      Map.ofEntries(
          Map.entry(400, "bad_request"),
          Map.entry(401, "unauthorized"),
          Map.entry(403, "forbidden"),
          Map.entry(404, "not_found"),
          Map.entry(405, "method_not_allowed"),
          Map.entry(408, "request_timeout"),
          Map.entry(409, "conflict"),
          Map.entry(413, "payload_too_large"),
          Map.entry(414, "uri_too_long"),
          Map.entry(415, "unsupported_media_type"),
          Map.entry(422, "unprocessable"),
          Map.entry(429, "too_many_requests"),
          Map.entry(431, "request_headers_too_large"),
          Map.entry(500, "internal_error"),
          Map.entry(503, "unavailable"));

  private ErrorResponses() {}

  /** Installs the exception and error handlers on {@code routes}. */
  public static void install(RoutesConfig routes) {
    routes.exception(Failure.class, (e, ctx) -> write(ctx, e));
    routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unhandled error on {} {}", ctx.method(), ctx.endpoint().path, e);
          write(ctx, 500, "internal_error", "internal error");
        });
    // Errors raised outside handlers (no matching route, 405): the same shape, unless a handler
    // already wrote one.
    for (int status : new int[] {404, 405}) {
      routes.error(
          status,
          ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
              write(
                  ctx,
                  status,
                  codeFor(status),
                  status == 404 ? "no such route" : "method not allowed");
            }
          });
    }
  }

  /**
   * {@code handler} with expected failures answered in place: an {@link Failure} or a 4xx from
   * Javalin (such as 413) is a response, not an error, so it never reaches the exception-reporting
   * plugins (Sentry events, {@code http_exceptions_total}). Anything else propagates as a real
   * fault.
   */
  public static Handler handled(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (Failure e) {
        write(ctx, e);
      } catch (HttpResponseException e) {
        if (e.getStatus() >= 500) {
          throw e;
        }
        write(ctx, e);
      }
    };
  }

  /** Writes {@code e} as the error body with its status. */
  public static void write(Context ctx, Failure e) {
    e.retryAfter()
        .ifPresent(d -> ctx.header("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
    write(ctx, statusOf(e.kind()), e.code(), e.getMessage());
  }

  /** The HTTP status of a domain failure: the one place that knows it. */
  public static int statusOf(Failure.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_TYPE -> 415;
      case RULE_BROKEN -> 422;
      case THROTTLED -> 429;
      case FAILED -> 500;
      case UPSTREAM_FAILED -> 502;
      case UNAVAILABLE -> 503;
    };
  }

  private static void write(Context ctx, HttpResponseException e) {
    if (e.getStatus() == 405) {
      // Javalin names the route's methods in the details (the key depends on the content type).
      String allowed = e.getDetails().get("availableMethods");
      if (allowed == null) {
        allowed = e.getDetails().get("Available methods");
      }
      if (allowed != null) {
        ctx.header("Allow", allowed);
      }
    }
    write(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e));
  }

  private static void write(Context ctx, int status, String code, String message) {
    ctx.status(status).json(ErrorBody.of(code, message));
  }

  /** The error code of a bare HTTP status. */
  static String codeFor(int status) {
    return CODES.getOrDefault(status, status >= 500 ? "internal_error" : "bad_request");
  }

  private static String messageFor(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 413 -> "the request body is too large";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      default -> e.getStatus() >= 500 ? "internal error" : "bad request";
    };
  }
}
