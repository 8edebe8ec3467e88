package org.maiis.server.auth;

import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/**
 * What authentication records. The methods do nothing by default, so {@link #NONE} records nothing.
 */
public interface AuthMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  AuthMetrics NONE = new AuthMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static AuthMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<AuthMetrics>map(
            m ->
                new AuthMetrics() {
                  @Override
                  public void authAttempt(boolean succeeded, String method) {
                    m.authAttempt(succeeded, method);
                  }

                  @Override
                  public void authFailure(String reason) {
                    m.authFailure(reason);
                  }
                })
        .orElse(NONE);
  }

  /** An authentication attempt by method (password, refresh_token, access_token). */
  default void authAttempt(boolean succeeded, String method) {}

  /** A failed authentication by reason (catalog values). */
  default void authFailure(String reason) {}
}
