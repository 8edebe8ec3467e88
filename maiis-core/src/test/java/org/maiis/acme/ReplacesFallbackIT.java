package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;
import org.maiis.config.TlsConfig.KeyType;

/** ARI renewals send {@code replaces}, and fall back to a plain order when the CA rejects it. */
class ReplacesFallbackIT {
  @TempDir static Path shared;
  static PebbleFixture pebble;
  static ProxyFront front;

  @BeforeAll
  static void start() throws Exception {
    pebble =
        PebbleFixture.start(
            Files.createDirectory(shared.resolve("pebble")),
            new PebbleFixture.Options(7_776_000, 0, false));
    front = new ProxyFront(pebble);
  }

  @AfterAll
  static void stop() {
    if (front != null) {
      front.close();
    }
    if (pebble != null) {
      pebble.close();
    }
  }

  @Test
  void aRejectedReplacesFallsBackToAPlainOrder(@TempDir Path tmp) throws Exception {
    CertificateManager m =
        PebbleManagers.of(new CertificateStore(tmp), true, Clock.systemUTC(), d -> {}, 5);
    LineageSettings s =
        new LineageSettings(
            "rep",
            List.of("rep.example.test"),
            front.directory(),
            pebble.caBundle(),
            LineageSettings.Challenge.standalone(pebble.httpPort(), "127.0.0.1"),
            KeyType.EC256,
            null,
            null,
            null);
    assertEquals(Result.ISSUED, m.issue(s, Accounts.Registration.NONE).result());
    assertEquals(1, front.plainOrders.get());

    front.windowStart = Instant.now().minus(Duration.ofHours(2));
    front.windowEnd = Instant.now().minus(Duration.ofHours(1));
    Outcome accepted = m.renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, accepted.result(), accepted.detail());
    assertEquals(1, front.ordersWithReplaces.get());
    assertEquals(1, front.plainOrders.get());

    front.rejectReplaces = true;
    Outcome fallback = m.renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, fallback.result(), fallback.detail());
    assertEquals(2, front.ordersWithReplaces.get());
    assertEquals(2, front.plainOrders.get(), "the rejected order was retried without replaces");
  }
}
