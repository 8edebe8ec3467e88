package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** ARI windows and profile selection, through a front that adds them to Pebble 2.4. */
class AriAndProfileIT {
  @TempDir static Path shared;
  static PebbleFixture pebble;
  static AriFront front;

  @BeforeAll
  static void start() throws Exception {
    pebble =
        PebbleFixture.start(
            Files.createDirectory(shared.resolve("pebble")),
            new PebbleFixture.Options(7_776_000, 0, false));
    front = new AriFront(pebble);
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

  CertificateManager manager(CertificateStore store, boolean ari) {
    return manager(store, ari, Clock.systemUTC());
  }

  CertificateManager manager(CertificateStore store, boolean ari, Clock clock) {
    return PebbleManagers.of(store, ari, clock, d -> {}, 3);
  }

  static Clock in(Duration d) {
    return Clock.fixed(Instant.now().plus(d), java.time.ZoneOffset.UTC);
  }

  LineageSettings settings(String name, String profile) {
    return new LineageSettings(
        name,
        List.of(name + ".example.test"),
        front.directory(),
        pebble.caBundle(),
        LineageSettings.Challenge.standalone(pebble.httpPort(), "127.0.0.1"),
        KeyType.EC256,
        profile,
        null,
        null);
  }

  @Test
  void theAriWindowDecidesNotTheLifetimeRule(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp);
    assertEquals(
        Result.ISSUED,
        manager(store, true).issue(settings("ari", null), Accounts.Registration.NONE).result());

    // A fresh 90-day certificate, but the CA wants it replaced now (say, a mass revocation).
    front.windowStart = Instant.now().minus(Duration.ofHours(2));
    front.windowEnd = Instant.now().minus(Duration.ofHours(1));
    Outcome early = manager(store, true).renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, early.result(), early.detail());
    assertEquals(2, store.currentVersion("ari").getAsInt());

    // A window in the future: not due, the picked time is kept inside it and shown by status.
    Instant start =
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(Duration.ofDays(10));
    front.windowStart = start;
    front.windowEnd = start.plus(Duration.ofDays(2));
    Outcome later = manager(store, true).renew(null, false, false, null).get(0);
    assertEquals(Result.NOT_DUE, later.result());
    assertTrue(later.detail().contains("ARI window " + start), later.detail());
    LineageState st = manager(store, true).state("ari");
    assertFalse(st.renewAt().isBefore(start));
    assertFalse(st.renewAt().isAfter(front.windowEnd));
    var status = manager(store, true).status().get(0);
    assertEquals(st.renewAt(), status.next().renewAt());
    assertTrue(status.next().reason().startsWith("ARI window"));

    // The CA said Retry-After 6 h: an hour later the stored window stands, without asking.
    int asked = front.renewalInfoRequests.get();
    front.windowStart = Instant.now().minus(Duration.ofHours(2));
    front.windowEnd = Instant.now().minus(Duration.ofHours(1));
    Outcome cached =
        manager(store, true, in(Duration.ofHours(1))).renew(null, false, false, null).get(0);
    assertEquals(Result.NOT_DUE, cached.result(), cached.detail());
    assertEquals(asked, front.renewalInfoRequests.get());
    // Seven hours later it asks again, learns the new window, and renews.
    Outcome asksAgain =
        manager(store, true, in(Duration.ofHours(7))).renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, asksAgain.result(), asksAgain.detail());
    assertEquals(asked + 1, front.renewalInfoRequests.get());
    assertEquals(3, store.currentVersion("ari").getAsInt());

    // With ARI switched off in maiis.yaml the lifetime rule applies and the CA is not asked.
    asked = front.renewalInfoRequests.get();
    Outcome off = manager(store, false).renew(null, false, false, null).get(0);
    assertEquals(Result.NOT_DUE, off.result());
    assertTrue(off.detail().contains("lifetime rule"), off.detail());
    assertEquals(asked, front.renewalInfoRequests.get());
  }

  @Test
  void aProfileTheCaOffersIsRequestedAndAnUnknownOneRefusedBeforeOrdering(@TempDir Path tmp)
      throws Exception {
    CertificateStore store = new CertificateStore(tmp);
    Outcome ok =
        manager(store, true).issue(settings("short", "shortlived"), Accounts.Registration.NONE);
    assertEquals(Result.ISSUED, ok.result(), ok.detail());
    Outcome bad =
        manager(store, true).issue(settings("nope", "tlsclient"), Accounts.Registration.NONE);
    assertEquals(Result.FAILED, bad.result());
    assertEquals(
        "the CA does not offer profile 'tlsclient' (offers: [classic, shortlived])", bad.detail());
  }
}
