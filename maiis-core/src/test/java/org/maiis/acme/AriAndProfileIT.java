package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;

/** ARI windows and profile selection, through a front that adds them to Pebble 2.4. */
class AriAndProfileIT {
  @RegisterExtension
  static final PebbleCa<AriFront> ca =
      PebbleCa.withFront(new PebbleFixture.Options(7_776_000, 0, false), AriFront::new);

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
    return ca.pebble().standalone(name, ca.front().directory(), profile, null);
  }

  @Test
  void theAriWindowDecidesNotTheLifetimeRule(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp);
    assertEquals(
        Result.ISSUED,
        manager(store, true).issue(settings("ari", null), Accounts.Registration.NONE).result());

    // A fresh 90-day certificate, but the CA wants it replaced now (say, a mass revocation).
    ca.front().windowStart = Instant.now().minus(Duration.ofHours(2));
    ca.front().windowEnd = Instant.now().minus(Duration.ofHours(1));
    Outcome early = manager(store, true).renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, early.result(), early.detail());
    assertEquals(2, store.currentVersion("ari").getAsInt());

    // A window in the future: not due, the picked time is kept inside it and shown by status.
    Instant start =
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(Duration.ofDays(10));
    ca.front().windowStart = start;
    ca.front().windowEnd = start.plus(Duration.ofDays(2));
    Outcome later = manager(store, true).renew(null, false, false, null).get(0);
    assertEquals(Result.NOT_DUE, later.result());
    assertTrue(later.detail().contains("ARI window " + start), later.detail());
    LineageState st = manager(store, true).state("ari");
    assertFalse(st.renewAt().isBefore(start));
    assertFalse(st.renewAt().isAfter(ca.front().windowEnd));
    var status = manager(store, true).status().get(0);
    assertEquals(st.renewAt(), status.next().renewAt());
    assertTrue(status.next().reason().startsWith("ARI window"));

    // The CA said Retry-After 6 h: an hour later the stored window stands, without asking.
    int asked = ca.front().renewalInfoRequests.get();
    ca.front().windowStart = Instant.now().minus(Duration.ofHours(2));
    ca.front().windowEnd = Instant.now().minus(Duration.ofHours(1));
    Outcome cached =
        manager(store, true, in(Duration.ofHours(1))).renew(null, false, false, null).get(0);
    assertEquals(Result.NOT_DUE, cached.result(), cached.detail());
    assertEquals(asked, ca.front().renewalInfoRequests.get());
    // Seven hours later it asks again, learns the new window, and renews.
    Outcome asksAgain =
        manager(store, true, in(Duration.ofHours(7))).renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, asksAgain.result(), asksAgain.detail());
    assertEquals(asked + 1, ca.front().renewalInfoRequests.get());
    assertEquals(3, store.currentVersion("ari").getAsInt());

    // With ARI switched off in maiis.yaml the lifetime rule applies and the CA is not asked.
    asked = ca.front().renewalInfoRequests.get();
    Outcome off = manager(store, false).renew(null, false, false, null).get(0);
    assertEquals(Result.NOT_DUE, off.result());
    assertTrue(off.detail().contains("lifetime rule"), off.detail());
    assertEquals(asked, ca.front().renewalInfoRequests.get());
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
