package org.maiis.acme;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.maiis.config.TlsConfig;
import org.maiis.process.ProcessRunner;

/**
 * The certificate manager the Pebble ITs drive: renewal at a third of the lifetime (jitter 0.5),
 * three tries with a quick backoff (10 ms, waits up to 5 s), 30 s for a pending order and for a
 * hook, 5 s for the lineage lock.
 */
final class PebbleManagers {
  private PebbleManagers() {}

  /**
   * A manager of the lineages in {@code store}.
   *
   * @param ari whether renewal follows the CA's ARI window
   * @param sleeper records or skips the waits between tries
   * @param seed the seed of the renewal jitter, so a test's renewal moment is fixed
   */
  static CertificateManager of(
      CertificateStore store, boolean ari, Clock clock, Pacing.Sleeper sleeper, long seed) {
    return new CertificateManager(
        store,
        new RenewalPolicy(new TlsConfig.Renewal(ari, 1.0 / 3, 0.5), new Random(seed)),
        new Pacing(
            clock,
            sleeper,
            3,
            Duration.ofMillis(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30)),
        new ProcessRunner(Duration.ofSeconds(30)),
        Duration.ofSeconds(5));
  }
}
