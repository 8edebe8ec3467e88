package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;
import org.maiis.tls.CertificateInfo;
import org.shredzone.acme4j.RevocationReason;

/**
 * An issued certificate is never thrown away: after a failed deploy hook, or a run killed at any
 * step, the next run deploys the certificate it already has. Orders are counted at the CA's front
 * door (a proxy in front of Pebble), so "no new order" is measured, not assumed. And a CA whose
 * renewal window opens after expiry never leaves an expired certificate "not due".
 */
class PendingDeployIT {
  @RegisterExtension
  static final PebbleCa<ProxyFront> ca =
      PebbleCa.withFront(new PebbleFixture.Options(518_400, 0, false), ProxyFront::new);

  @BeforeEach
  void windowNow() {
    // The CA's ARI window is open: every lineage is due unless it has a pending certificate.
    ca.front().windowStart = Instant.now().minus(Duration.ofHours(2));
    ca.front().windowEnd = Instant.now().minus(Duration.ofHours(1));
  }

  private static CertificateManager manager(CertificateStore store) {
    return manager(store, Clock.systemUTC());
  }

  private static CertificateManager manager(CertificateStore store, Clock clock) {
    return PebbleManagers.of(store, true, clock, d -> {}, 1);
  }

  private static LineageSettings settings(String name, String hook) {
    return ca.pebble().standalone(name, ca.front().directory(), null, hook);
  }

  /** A hook that fails while {@code fail} exists and logs each successful deploy. */
  private static String hook(Path fail, Path log) {
    return "if [ -e "
        + fail
        + " ]; then echo reload refused >&2; exit 3; fi; "
        + "echo \"$MAIIS_LINEAGE\" >> "
        + log;
  }

  /**
   * A hook that fails while tmp/fail exists (it is created here) and logs each successful deploy in
   * tmp/deployed.log.
   */
  private static String failingHook(Path tmp) throws IOException {
    return hook(Files.writeString(tmp.resolve("fail"), ""), tmp.resolve("deployed.log"));
  }

  private static String liveSerial(CertificateStore store, String name) throws Exception {
    return CertificateInfo.of(store.currentChain(name).get().get(0)).serial();
  }

  @Test
  void aFailedDeployIsRetriedByTheNextRunWithoutANewOrder(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    CertificateManager m = manager(store);
    assertEquals(
        Result.ISSUED,
        m.issue(settings("p", failingHook(tmp)), Accounts.Registration.NONE).result());
    int afterIssue = ca.front().orders();

    Outcome failed = m.renew(null, false, false, null).get(0);
    assertEquals(Result.DEPLOY_FAILED, failed.result(), failed.detail());
    assertTrue(failed.detail().contains("version 1 restored"), failed.detail());
    assertTrue(failed.detail().contains("next renew deploys it"), failed.detail());
    assertEquals(afterIssue + 1, ca.front().orders());
    assertEquals(1, store.currentVersion("p").getAsInt());
    assertEquals(2, store.pendingVersion("p").getAsInt());

    // Still failing: the pending certificate is tried again, and still nothing is ordered.
    Outcome again = m.renew(null, false, false, null).get(0);
    assertEquals(Result.DEPLOY_FAILED, again.result(), again.detail());
    assertEquals(afterIssue + 1, ca.front().orders(), "a failing deploy must not order again");

    Files.delete(tmp.resolve("fail"));
    Outcome dry = m.renew(null, false, true, null).get(0);
    assertEquals(Result.WOULD_RENEW, dry.result());
    assertTrue(dry.detail().contains("would deploy version 2"), dry.detail());
    Outcome fixed = m.renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, fixed.result(), fixed.detail());
    assertTrue(fixed.detail().contains("no new order"), fixed.detail());
    assertEquals(
        afterIssue + 1, ca.front().orders(), "the pending certificate was deployed, none ordered");
    assertEquals(2, store.currentVersion("p").getAsInt());
    assertFalse(store.pendingVersion("p").isPresent());
    assertEquals(List.of("p"), Files.readAllLines(tmp.resolve("deployed.log")));
    assertEquals("renewed", m.state("p").lastResult());
  }

  @Test
  void aRevokedCertificateIsNeverRestored(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    CertificateManager m = manager(store);
    m.issue(settings("rv", failingHook(tmp)), Accounts.Registration.NONE);
    String revoked = liveSerial(store, "rv");
    m.revoke("rv", RevocationReason.KEY_COMPROMISE);
    int before = ca.front().orders();

    Outcome o = m.renew(null, false, false, null).get(0);
    assertEquals(Result.DEPLOY_FAILED, o.result(), o.detail());
    assertTrue(o.detail().contains("version 1 not restored (version 1 was revoked)"), o.detail());
    assertEquals(2, store.currentVersion("rv").getAsInt(), "the new certificate stays live");
    assertNotEquals(revoked, liveSerial(store, "rv"));

    Files.delete(tmp.resolve("fail"));
    Outcome fixed = m.renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, fixed.result(), fixed.detail());
    assertEquals(before + 1, ca.front().orders());
    assertEquals(
        List.of("rv"),
        Files.readAllLines(tmp.resolve("deployed.log")),
        "the deploy hook ran for version 2");
  }

  @Test
  void reissuingAnExistingLineageRunsItsDeployHook(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path log = tmp.resolve("deployed.log");
    CertificateManager m = manager(store);
    LineageSettings s = settings("re", hook(tmp.resolve("never"), log));
    assertEquals(Result.ISSUED, m.issue(s, Accounts.Registration.NONE).result());
    assertFalse(Files.exists(log), "a first issue has nothing deployed to reload");
    Outcome o = m.issue(s, Accounts.Registration.NONE, true);
    assertEquals(Result.ISSUED, o.result(), o.detail());
    assertEquals(2, store.currentVersion("re").getAsInt());
    assertEquals(List.of("re"), Files.readAllLines(log));
  }

  @Test
  void aFirstIssueKilledBeforeItsRenewalFileIsCompletedByRenew(@TempDir Path tmp) throws Exception {
    // What a kill right after the certificate reached the archive leaves: a pending version, no
    // renewal file, nothing live. Built from a real certificate of another directory.
    CertificateStore donor = new CertificateStore(tmp.resolve("donor"));
    LineageSettings s = settings("half", null);
    manager(donor).issue(s, Accounts.Registration.NONE);
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    store.createLayout();
    store.stage("half", donor.currentKey("half"), donor.currentChain("half").get(), s);
    assertTrue(store.lineages().isEmpty());
    int before = ca.front().orders();

    Outcome o = manager(store).renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, o.result(), o.detail());
    assertEquals(before, ca.front().orders());
    assertEquals(List.of("half"), store.lineages());
    assertTrue(Files.exists(store.renewalFile("half")));
    assertEquals(liveSerial(donor, "half"), liveSerial(store, "half"));
    CertificateManagerIT.assertMatchingPair(store, "half");
  }

  @Test
  void aRunKilledDuringTheDeployHookIsDeployedByTheNextRun(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path kill = Files.writeString(tmp.resolve("kill"), "");
    Path log = tmp.resolve("deployed.log");
    // The first time, the hook SIGKILLs the JVM that runs it (its parent).
    String hook =
        "if [ -e "
            + kill
            + " ]; then rm "
            + kill
            + "; kill -9 $PPID; sleep 5; exit 0; fi; "
            + "echo \"$MAIIS_LINEAGE\" >> "
            + log;
    manager(store).issue(settings("k", hook), Accounts.Registration.NONE);
    int before = ca.front().orders();

    Process p =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                RenewOnce.class.getName(),
                store.root().toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the killed run ends");
    assertEquals(137, p.exitValue(), Files.readString(tmp.resolve("killed.log")));
    assertEquals(before + 1, ca.front().orders());
    assertFalse(Files.exists(log));
    assertEquals(2, store.pendingVersion("k").getAsInt());

    Outcome o = manager(store).renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, o.result(), o.detail());
    assertEquals(before + 1, ca.front().orders(), "the certificate of the killed run was deployed");
    assertEquals(2, store.currentVersion("k").getAsInt());
    assertEquals(List.of("k"), Files.readAllLines(log));
    CertificateManagerIT.assertMatchingPair(store, "k");
  }

  @Test
  void aChainTheCaDidNotSignLinkByLinkLeavesTheLiveCertificate(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    manager(store).issue(settings("bc", null), Accounts.Registration.NONE);
    String live = liveSerial(store, "bc");
    ca.front().breakChains = true;
    try {
      Outcome o = manager(store).renew("bc", true, false, null).get(0);
      assertEquals(Result.FAILED, o.result(), o.detail());
      assertEquals(
          "the CA's chain is broken: certificate 2 of 2 did not sign certificate 1", o.detail());
    } finally {
      ca.front().breakChains = false;
    }
    assertEquals(live, liveSerial(store, "bc"));
    assertEquals(1, store.currentVersion("bc").getAsInt());
    assertTrue(store.pendingVersion("bc").isEmpty(), "nothing staged");
  }

  @Test
  void anExpiredCertificateIsDueWhateverTheCaWindowSays(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    manager(store).issue(settings("ex", null), Accounts.Registration.NONE);
    Instant notAfter = store.currentChain("ex").get().get(0).getNotAfter().toInstant();
    ca.front().windowStart = notAfter.plus(Duration.ofDays(1));
    ca.front().windowEnd = notAfter.plus(Duration.ofDays(2));

    // Before expiry the window cannot be followed: the lifetime rule decides (not due yet).
    Outcome early = manager(store).renew(null, false, false, null).get(0);
    assertEquals(Result.NOT_DUE, early.result(), early.detail());
    assertTrue(early.detail().contains("opens after expiry"), early.detail());

    Clock expired = Clock.fixed(notAfter.plus(Duration.ofHours(1)), java.time.ZoneOffset.UTC);
    CertificateManager.Status st = manager(store, expired).status().get(0);
    assertTrue(st.next().due(), st.next().toString());
    assertTrue(st.next().reason().contains("expired"), st.next().reason());
    int before = ca.front().orders();
    Outcome o = manager(store, expired).renew(null, false, false, null).get(0);
    assertEquals(Result.RENEWED, o.result(), o.detail());
    assertEquals(before + 1, ca.front().orders());
  }

  @Test
  void aCertificateTheDirectoryWillNotTakeIsSavedNotLost(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    store.createLayout();
    // archive/NAME is a file: the issued certificate cannot be stored.
    Files.writeString(store.archiveDir("lost"), "x");
    int before = ca.front().orders();
    Outcome o = manager(store).issue(settings("lost", null), Accounts.Registration.NONE);
    assertEquals(Result.FAILED, o.result());
    assertEquals(before + 1, ca.front().orders());
    assertTrue(o.detail().startsWith("issued, but not stored in " + store.root()), o.detail());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("saved in (\\S+)\\.").matcher(o.detail());
    assertTrue(m.find(), o.detail());
    Path saved = Path.of(m.group(1));
    try {
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(saved.resolve("privkey.pem"))));
      assertEquals(
          org.maiis.tls.Pem.readKeyPair(saved.resolve("privkey.pem")).getPublic(),
          org.maiis.tls.Pem.readCertificates(saved.resolve("fullchain.pem")).get(0).getPublicKey());
    } finally {
      for (String f : CertificateStore.FILES) {
        Files.deleteIfExists(saved.resolve(f));
      }
      Files.deleteIfExists(saved);
    }
  }
}
