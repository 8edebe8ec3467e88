package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;
import org.maiis.config.TlsConfig.KeyType;

/**
 * Issuing again what a lineage already has orders nothing until it is due, so a provisioning run
 * repeated every deploy does not spend the CA's weekly limit per set of names. Orders are counted
 * at the CA's front door (a proxy in front of Pebble).
 */
class RepeatedIssueIT {
  @RegisterExtension
  static final PebbleCa<ProxyFront> ca =
      PebbleCa.withFront(new PebbleFixture.Options(518_400, 0, false), ProxyFront::new);

  @BeforeEach
  void windowLater() {
    // The CA's renewal window opens in two days: nothing issued here is due before then.
    ca.front().windowStart = Instant.now().plus(Duration.ofDays(2));
    ca.front().windowEnd = Instant.now().plus(Duration.ofDays(3));
  }

  private static CertificateManager manager(CertificateStore store) {
    return PebbleManagers.of(store, true, Clock.systemUTC(), d -> {}, 1);
  }

  private static LineageSettings settings(String name, List<String> names) {
    LineageSettings s = ca.pebble().standalone(name, ca.front().directory(), null, null);
    return s.withDomains(names);
  }

  private static Outcome issue(CertificateManager m, LineageSettings s, boolean force)
      throws Exception {
    return m.issue(s, Accounts.Registration.NONE, force);
  }

  @Test
  void theSameNamesAndSettingsAgainOrderNothing(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    CertificateManager m = manager(store);
    List<String> names = List.of("same.example.test", "a.same.example.test", "b.same.example.test");
    LineageSettings s = settings("same", names);
    assertEquals(Result.ISSUED, issue(m, s, false).result());
    int orders = ca.front().orders();

    Outcome again = issue(m, s, false);
    assertEquals(Result.NOT_DUE, again.result(), again.detail());
    assertTrue(again.detail().contains("--force"), again.detail());
    LineageSettings othersSwapped =
        s.withDomains(List.of(names.get(0), names.get(2), names.get(1)));
    assertEquals(Result.NOT_DUE, issue(m, othersSwapped, false).result());
    assertEquals(orders, ca.front().orders(), "no order for what the lineage has");
    assertEquals(1, store.currentVersion("same").getAsInt());

    LineageSettings otherPrimary = s.withDomains(List.of(names.get(1), names.get(0), names.get(2)));
    assertEquals(Result.ISSUED, issue(m, otherPrimary, false).result(), "another primary name");
    assertEquals(orders + 1, ca.front().orders());
  }

  @Test
  void anythingNewOrDueOrForcedIsOrdered(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    CertificateManager m = manager(store);
    LineageSettings s = settings("new", List.of("new.example.test"));
    assertEquals(Result.ISSUED, issue(m, s, false).result());
    int orders = ca.front().orders();

    LineageSettings added = s.withDomains(List.of("new.example.test", "api.new.example.test"));
    assertEquals(Result.ISSUED, issue(m, added, false).result(), "a name added");
    LineageSettings rsa =
        new LineageSettings(
            added.name(),
            added.domains(),
            added.directory(),
            added.caBundle(),
            added.challenge(),
            KeyType.RSA2048,
            added.profile(),
            added.deployHook(),
            added.eabKid());
    assertEquals(Result.ISSUED, issue(m, rsa, false).result(), "another key type");
    assertEquals(Result.ISSUED, issue(m, rsa.withDeployHook("true"), false).result(), "a hook");
    assertEquals(Result.ISSUED, issue(m, rsa.withDeployHook("true"), true).result(), "forced");
    assertEquals(orders + 4, ca.front().orders());

    // The CA's window is open: renew would renew it, so issue orders too.
    ca.front().windowStart = Instant.now().minus(Duration.ofHours(2));
    ca.front().windowEnd = Instant.now().minus(Duration.ofHours(1));
    assertEquals(Result.ISSUED, issue(m, rsa.withDeployHook("true"), false).result(), "due");
    assertEquals(orders + 5, ca.front().orders());
    assertEquals(6, store.currentVersion("new").getAsInt());
  }
}
