package org.maiis.server.auth;

import io.javalin.http.Context;
import java.util.Optional;
import org.maiis.server.failure.Failure;

/** Turns the {@code Authorization: Bearer} header into a {@link Principal}, or 401. */
public final class Authenticator {
  private static final String ATTRIBUTE = "maiis.principal";
  private final AccessTokens tokens;
  private final Sessions sessions;
  private final UserRepository users;
  private final AuthMetrics metrics;
  private final CheckedTokens checked;

  /**
   * Verifies with {@code tokens}; checks revocations in {@code sessions} and that the user still
   * exists and is active in {@code users}, remembering a passed check in {@code checked} (which
   * {@code sessions} empties on every revocation).
   */
  Authenticator(
      AccessTokens tokens,
      Sessions sessions,
      UserRepository users,
      AuthMetrics metrics,
      CheckedTokens checked) {
    this.checked = checked;
    this.tokens = tokens;
    this.sessions = sessions;
    this.users = users;
    this.metrics = metrics;
  }

  /** The caller; 401 without a valid, unrevoked access token. */
  public Principal require(Context ctx) {
    Principal cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    Principal p = requireHeader(ctx.header("Authorization"));
    ctx.attribute(ATTRIBUTE, p);
    return p;
  }

  /** The caller's user id; 401 as {@link #require}. */
  public String userId(Context ctx) {
    return require(ctx).userId();
  }

  /**
   * The caller named by an {@code Authorization} header value outside an HTTP handler (a WebSocket
   * upgrade, or its auth frame as {@code "Bearer " + token}); 401 without a valid, unrevoked token.
   */
  public Principal requireHeader(String authorization) {
    return recorded("access_token", authorization);
  }

  /**
   * The holder of {@code token} presented on a WebSocket (upgrade header or auth frame), recorded
   * as method {@code websocket}; 401 when it is not a valid, unrevoked access token.
   */
  public Principal requireWebSocket(String token) {
    return recorded("websocket", "Bearer " + (token == null ? "" : token));
  }

  /** Verifies {@code header} and records the attempt, succeeded or not, as {@code method}. */
  private Principal recorded(String method, String header) {
    try {
      Principal p = verify(header);
      metrics.authAttempt(true, method);
      return p;
    } catch (Failure e) {
      AuthFailures.record(metrics, method, e);
      throw e;
    }
  }

  /**
   * The holder of {@code token} while it is still valid (not expired, not revoked): checked again
   * before each message of a long-lived connection, so a logout ends it. Records nothing.
   */
  public java.util.Optional<Principal> stillValid(String token) {
    try {
      return java.util.Optional.of(verify("Bearer " + token));
    } catch (Failure e) {
      return java.util.Optional.empty();
    }
  }

  private Principal verify(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw Failure.unauthenticated("unauthorized", "a Bearer access token is required");
    }
    AccessTokens.Verified v = tokens.verify(header.substring(7).strip());
    Principal p = v.principal();
    // The signature and expiry are checked on every request; the state reads below only when
    // this token has not passed them within auth.recheck_after.
    Optional<Role> recent = checked.get(p.tokenId(), p.userId());
    if (recent.isPresent()) {
      return withRole(p, recent.get());
    }
    long generation = checked.generation();
    if (sessions.denied(p.tokenId()) || v.version() != sessions.version(p.userId())) {
      throw Failure.unauthenticated("token_revoked", "the access token was revoked");
    }
    // A deleted or deactivated user's tokens stop working at once, and a changed role applies to
    // tokens already issued.
    User u =
        users
            .byId(p.userId())
            .filter(User::active)
            .orElseThrow(
                () ->
                    Failure.unauthenticated(
                        "invalid_token", "the user no longer exists or is deactivated"));
    checked.put(p.tokenId(), p.userId(), u.role(), generation);
    return withRole(p, u.role());
  }

  private static Principal withRole(Principal p, Role role) {
    return role == p.role() ? p : new Principal(p.userId(), role, p.tokenId(), p.expiresAt());
  }
}
