package org.maiis.acme;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.maiis.config.TlsConfig;
import org.maiis.process.ProcessRunner;

/**
 * {@code renew --force} of one certificate directory in a JVM of its own, so a test can SIGKILL a
 * run in the middle (from its deploy hook) and check what the next run makes of it.
 */
final class RenewOnce {
  private RenewOnce() {}

  public static void main(String[] args) throws Exception {
    CertificateManager m =
        new CertificateManager(
            new CertificateStore(Path.of(args[0])),
            new RenewalPolicy(new TlsConfig.Renewal(true, 1.0 / 3, 0.5), new Random(1)),
            new Pacing(
                Clock.systemUTC(),
                d -> {},
                3,
                Duration.ofMillis(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30)),
            new ProcessRunner(Duration.ofSeconds(30)),
            Duration.ofSeconds(5));
    System.out.println(m.renew(null, true, false, null));
  }
}
