package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;

/** ARI renewals send {@code replaces}, and fall back to a plain order when the CA rejects it. */
class ReplacesFallbackIT {
  @RegisterExtension
  static final PebbleCa<ProxyFront> ca =
      PebbleCa.withFront(new PebbleFixture.Options(7_776_000, 0, false), ProxyFront::new);

  @Test
  void aRejectedReplacesFallsBackToAPlainOrder(@TempDir Path tmp) throws Exception {
    CertificateManager m =
        PebbleManagers.of(new CertificateStore(tmp), true, Clock.systemUTC(), d -> {}, 5);
    LineageSettings s = ca.pebble().standalone("rep", ca.front().directory(), null, null);
    assertEquals(Result.ISSUED, m.issue(s, Accounts.Registration.NONE).result());
    assertEquals(1, ca.front().plainOrders.get());

    ca.front().windowStart = Instant.now().minus(Duration.ofHours(2));
    ca.front().windowEnd = Instant.now().minus(Duration.ofHours(1));
    Outcome accepted = m.renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, accepted.result(), accepted.detail());
    assertEquals(1, ca.front().ordersWithReplaces.get());
    assertEquals(1, ca.front().plainOrders.get());

    ca.front().rejectReplaces = true;
    Outcome fallback = m.renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, fallback.result(), fallback.detail());
    assertEquals(2, ca.front().ordersWithReplaces.get());
    assertEquals(
        2, ca.front().plainOrders.get(), "the rejected order was retried without replaces");
  }
}
