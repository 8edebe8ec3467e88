package org.maiis.config;

import java.util.Optional;

/**
 * Error and performance reporting. Without a DSN, reporting is off.
 *
 * @param dsn the project DSN, as a secret reference
 * @param environment environment tag; defaults to site.environment
 * @param release release tag, such as maiis@1.2.3
 * @param sampleRate fraction of error events sent
 * @param tracesSampleRate fraction of transactions traced (health and metrics never are)
 */
public record SentryConfig(
    Optional<Secret> dsn,
    String environment,
    Optional<String> release,
    double sampleRate,
    double tracesSampleRate) {

  static SentryConfig bind(Section s, String siteEnvironment) {
    SentryConfig c =
        new SentryConfig(
            s.secret("dsn"),
            s.string("environment", siteEnvironment, Check.NAME),
            s.optString("release", Check.LABEL_VALUE_OR_RELEASE),
            s.number("sample_rate", 1.0, 0, 1),
            s.number("traces_sample_rate", 0.1, 0, 1));
    s.done();
    return c;
  }
}
