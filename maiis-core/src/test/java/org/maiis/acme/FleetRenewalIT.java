package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;

/**
 * One renew run for many lineages against Pebble: they are renewed at the same time, at most the
 * per-CA limit at once, a lineage that fails fails alone, and a CA's Retry-After holds back that
 * CA's further requests instead of failing the run. Orders are counted at a proxy before Pebble.
 */
class FleetRenewalIT {
  @RegisterExtension
  static final PebbleCa<ProxyFront> ca =
      PebbleCa.withFront(new PebbleFixture.Options(7_776_000, 0, false), ProxyFront::new);

  /** Waits for real: a Retry-After is a real pause. */
  private static CertificateManager manager(CertificateStore store, int perCa) {
    return PebbleManagers.of(store, true, Clock.systemUTC(), Pacing.Sleeper.REAL, 1)
        .withConcurrency(perCa);
  }

  private static LineageSettings webroot(String name, Path webroot, String hook) {
    return ca.pebble()
        .lineage(
            name, ca.front().directory(), LineageSettings.Challenge.webroot(webroot), null, hook);
  }

  /** Issues {@code n} lineages f00, f01, ... through {@code webroot}, one after the other. */
  private static List<String> issue(CertificateStore store, Path webroot, int n, String hookOf07)
      throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = String.format("f%02d", i);
      Outcome o =
          manager(store, 1)
              .issue(webroot(name, webroot, i == 7 ? hookOf07 : null), Accounts.Registration.NONE);
      assertEquals(Result.ISSUED, o.result(), o.detail());
      names.add(name);
    }
    return names;
  }

  @Test
  void renewsTwentyFourLineagesInOneRunAndEachFailureStaysAlone(@TempDir Path tmp)
      throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      List<String> names = issue(store, webroot, 24, "echo reload refused >&2; exit 3");
      // f13 moved to a name whose webroot is not what the web server serves: its validation
      // fails. A new name, because Pebble reuses a valid authorization one time in a hundred even
      // with PEBBLE_AUTHZREUSE=0 (it reuses unless rand.Intn(100) > 0), and f13.example.test was
      // just validated.
      Path unserved = Files.createDirectory(tmp.resolve("unserved"));
      LineageSettings moved = webroot("f13", unserved, null);
      JsonFiles.write(
          store.renewalFile("f13"),
          new LineageSettings(
              moved.name(),
              List.of("f13-moved.example.test"),
              moved.directory(),
              moved.caBundle(),
              moved.challenge(),
              moved.keyType(),
              moved.profile(),
              moved.deployHook(),
              moved.eabKid()));
      int before = ca.front().orders();

      List<Outcome> out = manager(store, 8).renew(null, true, false, null);

      assertEquals(names, out.stream().map(Outcome::lineage).toList(), "one line per lineage");
      assertEquals(24, ca.front().orders() - before, "one order per lineage, none retried");
      for (Outcome o : out) {
        switch (o.lineage()) {
          case "f13" -> {
            assertEquals(Result.FAILED, o.result(), o.detail());
            assertTrue(o.detail().contains("validation failed"), o.detail());
            assertEquals(1, store.currentVersion("f13").getAsInt());
          }
          case "f07" -> {
            assertEquals(Result.DEPLOY_FAILED, o.result(), o.detail());
            assertEquals(1, store.currentVersion("f07").getAsInt(), "version 1 restored");
            assertEquals(2, store.pendingVersion("f07").getAsInt());
          }
          default -> {
            assertEquals(Result.RENEWED, o.result(), o.lineage() + ": " + o.detail());
            assertEquals(2, store.currentVersion(o.lineage()).getAsInt());
          }
        }
        CertificateManagerIT.assertMatchingPair(store, o.lineage());
      }
      assertEquals(24, CertificateMetricsFile.entries(store).size(), "every lineage has metrics");
    }
  }

  @Test
  void noMoreThanThePerCaLimitAreInFlightAtOnce(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      issue(store, webroot, 12, null);
      // Each validation request now takes 300 ms, so lineages in flight together overlap.
      http.delay(Duration.ofMillis(300));
      ca.front().openOrders.set(0); // a failed validation elsewhere left its order open
      ca.front().maxOpenOrders.set(0);
      List<Outcome> out = manager(store, 3).renew(null, true, false, null);
      for (Outcome o : out) {
        assertEquals(Result.RENEWED, o.result(), o.lineage() + ": " + o.detail());
      }
      // Open at the CA: from the new order until its certificate is downloaded.
      int most = ca.front().maxOpenOrders.get();
      assertTrue(most <= 3, "at most 3 orders open at once, saw " + most);
      assertTrue(most >= 2, "renewed one at a time: " + most);
    }
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {429, 503})
  void aRetryAfterHoldsBackThatCasFurtherOrdersAndTheRunStillRenewsAll(
      int status, @TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      issue(store, webroot, 6, null);
      ca.front().orderTimes.clear();
      // acme4j counts Retry-After from the response's Date (whole seconds): 3 s is 2 s at least.
      ca.front().retryAfterSeconds = 3;
      ca.front().limitStatus = status;
      ca.front().rateLimitNextOrders.set(1);

      List<Outcome> out = manager(store, 3).renew(null, true, false, null);

      for (Outcome o : out) {
        assertEquals(Result.RENEWED, o.result(), o.lineage() + ": " + o.detail());
      }
      assertEquals(1, ca.front().rateLimitedAt.size());
      Instant limited = ca.front().rateLimitedAt.remove(0);
      List<Instant> times = List.copyOf(ca.front().orderTimes);
      assertEquals(6, times.size(), times.toString());
      // Only orders already past the gate (at most the 2 other lineages in flight) may still
      // reach the CA inside its Retry-After; the refused order is sent again once it is over.
      long inside =
          times.stream()
              .filter(t -> t.isAfter(limited) && t.isBefore(limited.plusMillis(1800)))
              .count();
      assertTrue(
          inside <= 2, inside + " orders inside the Retry-After from " + limited + ": " + times);
      assertTrue(
          times.stream().anyMatch(t -> t.isAfter(limited.plusMillis(1800))),
          "the refused order was sent again after the Retry-After: " + times);
    }
  }
}
