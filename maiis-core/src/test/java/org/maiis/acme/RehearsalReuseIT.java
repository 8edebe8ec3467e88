package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.DryRun;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;

/**
 * A CA that reuses every valid authorization (as Let's Encrypt does for 30 days after an issue)
 * would let a rehearsal pass without answering anything: a dry run right after an issue, or a
 * reconfigured webroot, must still prove the challenge works now.
 */
class RehearsalReuseIT {
  @RegisterExtension
  static final PebbleCa<AutoCloseable> ca =
      PebbleCa.of(new PebbleFixture.Options(7_776_000, 0, false, 100));

  @Test
  void aRehearsalAnswersTheChallengeEvenWhenTheCaWouldReuseAValidAuthorization(@TempDir Path tmp)
      throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    LineageSettings s =
        ca.pebble()
            .lineage(
                "reuse",
                ca.pebble().directory(),
                LineageSettings.Challenge.webroot(webroot),
                null,
                null);
    CertificateManager m = PebbleManagers.of(store, false, Clock.systemUTC(), d -> {}, 1);
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      assertEquals(Result.ISSUED, m.issue(s, Accounts.Registration.NONE).result());
      Outcome served = m.renew(null, false, DryRun.REHEARSE, null).get(0);
      assertTrue(served.detail().contains("dry run: order and challenges passed"), served.detail());
    }
    // Issued again, so the CA holds a valid authorization; then nothing serves the webroot.
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      assertEquals(Result.ISSUED, m.issue(s, Accounts.Registration.NONE, true).result());
    }
    Outcome unserved = m.renew(null, false, DryRun.REHEARSE, null).get(0);
    assertEquals(Result.FAILED, unserved.result(), unserved.detail());
    assertTrue(
        unserved.detail().startsWith("dry run: reuse.example.test: validation failed: "),
        unserved.detail());

    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    assertTrue(
        m.reconfigure("reuse", LineageSettings.Challenge.webroot(elsewhere), null).isPresent(),
        "a webroot nothing serves is refused");
  }
}
