package org.maiis.sentry;

import java.util.Optional;
import java.util.function.Function;
import org.maiis.config.SentryConfig;

/**
 * What Sentry reporting starts from.
 *
 * @param dsn the project DSN; empty turns reporting off
 * @param environment environment tag (production, staging, ...)
 * @param release release tag, such as maiis@1.2.3
 * @param sampleRate fraction of error events sent, 0-1
 * @param tracesSampleRate fraction of requests traced, 0-1 (health and metrics never are)
 */
public record SentrySettings(
    Optional<String> dsn,
    String environment,
    Optional<String> release,
    double sampleRate,
    double tracesSampleRate) {

  /**
   * Settings from the {@code sentry} config section, reading the DSN secret from {@code env} now. A
   * DSN reference whose variable or file is missing yields no DSN (reporting off), with the reason
   * in {@link #from}'s caller's info line rather than a failure: error reporting must never stop
   * the service from starting.
   */
  public static SentrySettings from(SentryConfig config, Function<String, String> env) {
    Optional<String> dsn;
    try {
      dsn = config.dsn().map(secret -> secret.resolve(env));
    } catch (IllegalStateException e) {
      dsn = Optional.empty();
    }
    return new SentrySettings(
        dsn,
        config.environment(),
        config.release(),
        config.sampleRate(),
        config.tracesSampleRate());
  }
}
