package org.maiis.acme;

import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code renew --force} of one certificate directory in a JVM of its own, so a test can SIGKILL a
 * run in the middle (from its deploy hook) and check what the next run makes of it.
 */
final class RenewOnce {
  private RenewOnce() {}

  public static void main(String[] args) throws Exception {
    CertificateManager m =
        PebbleManagers.of(
            new CertificateStore(Path.of(args[0])), true, Clock.systemUTC(), d -> {}, 1);
    System.out.println(m.renew(null, true, false, null));
  }
}
