package org.maiis.server.auth;

import org.maiis.server.failure.Failure;

/** Records authentication outcomes with the catalog's bounded failure reasons. */
final class AuthFailures {
  private AuthFailures() {}

  /** Records a failed attempt by {@code method} from the error it produced. */
  static void record(AuthMetrics metrics, String method, Failure e) {
    metrics.authAttempt(false, method);
    metrics.authFailure(
        switch (e.code()) {
          case "invalid_credentials", "weak_password" -> "invalid_credentials";
          case "token_expired" -> "expired_token";
          case "token_revoked", "refresh_token_reused" -> "revoked_token";
          case "user_inactive" -> "inactive_user";
          case "too_many_requests" -> "rate_limited";
          case "unauthorized" -> "missing_token";
          default -> "invalid_token";
        });
  }
}
