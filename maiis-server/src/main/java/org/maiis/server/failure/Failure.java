package org.maiis.server.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the domain cannot serve: what kind of failure it is, the stable code clients branch on,
 * and a message that is safe to show (never secrets, stack traces or other users' data). Areas
 * throw it; the HTTP layer alone decides the status and the error body for each {@link Kind}.
 */
public final class Failure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in the domain's words. */
  public enum Kind {
    /** The input is malformed. */
    INVALID,
    /** No valid credentials. */
    UNAUTHENTICATED,
    /** Authenticated but not allowed. */
    FORBIDDEN,
    /** No such thing, or not the caller's. */
    NOT_FOUND,
    /** Conflicts with the current state. */
    CONFLICT,
    /** The input is larger than a limit. */
    TOO_LARGE,
    /** A file or media type that is not accepted. */
    UNSUPPORTED_TYPE,
    /** Well formed but breaks a business rule. */
    RULE_BROKEN,
    /** Too many attempts or a quota used up; retry after a while. */
    THROTTLED,
    /** Failed on our side. */
    FAILED,
    /** A provider we depend on answered badly. */
    UPSTREAM_FAILED,
    /** A backing service is busy or down; retrying later may succeed. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private final transient Optional<Duration> retryAfter;

  private Failure(Kind kind, String code, String message, Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** A failure of {@code kind} with its stable {@code code} and a human-readable message. */
  public static Failure of(Kind kind, String code, String message) {
    return new Failure(kind, code, message, Optional.empty());
  }

  /** The input is malformed. */
  public static Failure invalid(String code, String message) {
    return of(Kind.INVALID, code, message);
  }

  /** No valid credentials. */
  public static Failure unauthenticated(String code, String message) {
    return of(Kind.UNAUTHENTICATED, code, message);
  }

  /** Authenticated but not allowed. */
  public static Failure forbidden(String code, String message) {
    return of(Kind.FORBIDDEN, code, message);
  }

  /** No such thing. */
  public static Failure notFound(String code, String message) {
    return of(Kind.NOT_FOUND, code, message);
  }

  /** Conflicts with the current state. */
  public static Failure conflict(String code, String message) {
    return of(Kind.CONFLICT, code, message);
  }

  /** Well formed but breaks a business rule. */
  public static Failure ruleBroken(String code, String message) {
    return of(Kind.RULE_BROKEN, code, message);
  }

  /** Too many attempts; the client may retry after {@code retryAfter}. */
  public static Failure throttled(String message, Duration retryAfter) {
    return new Failure(Kind.THROTTLED, "too_many_requests", message, Optional.of(retryAfter));
  }

  /** A quota with its own code is used up until {@code retryAfter}. */
  public static Failure quotaExceeded(String code, String message, Duration retryAfter) {
    return new Failure(Kind.THROTTLED, code, message, Optional.of(retryAfter));
  }

  /** A backing service is busy or down; retrying in a second may succeed. */
  public static Failure unavailable(String code, String message) {
    return unavailable(code, message, Duration.ofSeconds(1));
  }

  /** Busy; retrying after {@code retryAfter} may succeed. */
  public static Failure unavailable(String code, String message, Duration retryAfter) {
    return new Failure(Kind.UNAVAILABLE, code, message, Optional.of(retryAfter));
  }

  /** What kind of failure this is. */
  public Kind kind() {
    return kind;
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
