package org.maiis.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.maiis.config.TlsConfig;
import org.maiis.tls.CertificateInfo;

/**
 * When a certificate is due. The CA's ACME Renewal Information window wins (a random time inside
 * it, kept across runs so they agree); without one, a fraction of the lifetime must be left (1/3,
 * or 1/2 for certificates living under 10 days). Never a fixed number of days: lifetimes shrink.
 */
public final class RenewalPolicy {
  /** Certificates shorter-lived than this use the short-lived fraction. */
  public static final Duration SHORT_LIVED = Duration.ofDays(10);

  private final TlsConfig.Renewal config;
  private final RandomGenerator random;

  /** A policy with {@code config}'s fractions; {@code random} picks the time in an ARI window. */
  public RenewalPolicy(TlsConfig.Renewal config, RandomGenerator random) {
    this.config = config;
    this.random = random;
  }

  /**
   * The decision for one certificate.
   *
   * @param due whether to renew now
   * @param renewAt when it becomes (or became) due
   * @param reason why, for status: the ARI window or the lifetime rule
   */
  public record Decision(boolean due, Instant renewAt, String reason) {}

  /** Whether ARI windows are followed at all. */
  public boolean usesAri() {
    return config.useAri();
  }

  /** Decides by the lifetime rule alone. */
  public Decision decide(CertificateInfo cert, Instant now) {
    Duration life = cert.lifetime();
    double fraction =
        life.compareTo(SHORT_LIVED) < 0
            ? config.shortLivedRemainingFraction()
            : config.remainingFraction();
    Instant at = cert.notAfter().minusSeconds(Math.round(life.toSeconds() * fraction));
    String reason =
        String.format(
            java.util.Locale.ROOT,
            "lifetime rule: %d%% of %s left",
            Math.round(fraction * 100),
            human(life));
    return new Decision(!now.isBefore(at), at, reason);
  }

  /**
   * Decides by the CA's window [{@code start}, {@code end}]; {@code picked} is the time chosen on
   * an earlier run (kept when it still lies inside the window).
   */
  public Decision decide(Instant start, Instant end, Instant picked, Instant now) {
    Instant at = picked;
    if (at == null || at.isBefore(start) || at.isAfter(end)) {
      long span = Math.max(0, Duration.between(start, end).toSeconds());
      at = start.plusSeconds(span == 0 ? 0 : random.nextLong(span + 1));
    }
    return new Decision(!now.isBefore(at), at, "ARI window " + start + " .. " + end);
  }

  private static String human(Duration d) {
    long days = d.toDays();
    return days >= 1 ? days + "d" : d.toHours() + "h";
  }
}
