package org.maiis.render.alerts;

import java.time.Duration;
import java.util.Locale;
import org.maiis.config.MaiisConfig;

/**
 * How long the certificates of a deployment live, from the ACME profile it requests: what turns the
 * expiry thresholds (fractions of the lifetime left) into days where only an expiry date is known
 * (the TLS probe, the dashboards). The lineage metrics carry notBefore and need no guess.
 */
public final class CertificateLifetime {
  private CertificateLifetime() {}

  /** Let's Encrypt's short-lived profile: 160 hours. */
  static final Duration SHORTLIVED = Duration.ofHours(160);

  /** The tlsserver profile: 45 days. */
  static final Duration TLSSERVER = Duration.ofDays(45);

  /** The classic profile, and the default of other CAs: 90 days. */
  static final Duration CLASSIC = Duration.ofDays(90);

  /** The lifetime of the certificates {@code config} requests. */
  public static Duration of(MaiisConfig config) {
    return config
        .tls()
        .acme()
        .profile()
        .map(p -> p.toLowerCase(Locale.ROOT))
        .map(
            p ->
                switch (p) {
                  case "shortlived" -> SHORTLIVED;
                  case "tlsserver" -> TLSSERVER;
                  default -> CLASSIC;
                })
        .orElse(CLASSIC);
  }

  /** The lifetime in days (fractional for short-lived certificates). */
  public static double days(MaiisConfig config) {
    return of(config).toSeconds() / 86400.0;
  }
}
