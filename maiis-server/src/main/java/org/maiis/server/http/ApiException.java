package org.maiis.server.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A request that cannot be served, with the HTTP status and the stable code clients branch on. The
 * message is safe to show: it never carries secrets, stack traces or other users' data.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Optional<Duration> retryAfter;

  /** A failure with {@code status}, stable {@code code} and a human-readable message. */
  public ApiException(int status, String code, String message) {
    this(status, code, message, Optional.empty());
  }

  private ApiException(int status, String code, String message, Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** 400: the body or a parameter is malformed. */
  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  /** 401: no valid credentials. */
  public static ApiException unauthorized(String code, String message) {
    return new ApiException(401, code, message);
  }

  /** 403: authenticated but not allowed. */
  public static ApiException forbidden(String code, String message) {
    return new ApiException(403, code, message);
  }

  /** 404: no such resource. */
  public static ApiException notFound(String code, String message) {
    return new ApiException(404, code, message);
  }

  /** 409: conflicts with the current state. */
  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  /** 422: well-formed but breaks a business rule. */
  public static ApiException unprocessable(String code, String message) {
    return new ApiException(422, code, message);
  }

  /** 429: throttled; the client may retry after {@code retryAfter}. */
  public static ApiException tooManyRequests(String message, Duration retryAfter) {
    return new ApiException(429, "too_many_requests", message, Optional.of(retryAfter));
  }

  /** 503: a backing service is busy or down; retrying later may succeed. */
  public static ApiException unavailable(String code, String message) {
    return new ApiException(503, code, message, Optional.of(Duration.ofSeconds(1)));
  }

  /** 503: busy; retrying after {@code retryAfter} may succeed. */
  public static ApiException unavailable(String code, String message, Duration retryAfter) {
    return new ApiException(503, code, message, Optional.of(retryAfter));
  }

  /** 429 with its own code: a quota is used up until {@code retryAfter}. */
  public static ApiException quotaExceeded(String code, String message, Duration retryAfter) {
    return new ApiException(429, code, message, Optional.of(retryAfter));
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The stable error code. */
  public String code() {
    return code;
  }

  /** How long the client should wait before retrying, when that is known. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
