package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;
import org.maiis.tls.CertificateInfo;
import org.maiis.tls.Pem;
import org.shredzone.acme4j.RevocationReason;

/** Issuance, renewal, revocation and their failures against Debian's real Pebble. */
class CertificateManagerIT {
  // 6-day certificates: short-lived, so the half-lifetime rule applies (due 3 days before
  // expiry).
  @RegisterExtension
  static final PebbleCa<AutoCloseable> ca =
      PebbleCa.of(new PebbleFixture.Options(518_400, 0, false));

  private final List<Duration> sleeps = new ArrayList<>();

  private CertificateManager manager(CertificateStore store, Clock clock) {
    return PebbleManagers.of(store, true, clock, sleeps::add, 1);
  }

  private LineageSettings webroot(String name, Path webroot, String hook, String... domains) {
    return ca.pebble().webroot(name, List.of(domains), webroot, hook, null);
  }

  /**
   * Issues lineage {@code name} for {@code domains} into {@code store} without a deploy hook, its
   * challenges served from {@code webroot} meanwhile; the issue must succeed.
   */
  private void issueThroughWebroot(
      CertificateStore store, Path webroot, String name, String... domains) throws IOException {
    Outcome o;
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      o =
          manager(store, Clock.systemUTC())
              .issue(webroot(name, webroot, null, domains), Accounts.Registration.NONE);
    }
    assertEquals(Result.ISSUED, o.result(), o.detail());
  }

  /**
   * Writes {@code script} as an executable dns hook under {@code tmp} and returns lineage {@code
   * name} for {@code domains}, proven through it by dns-01 at Pebble.
   */
  private LineageSettings dnsLineage(
      Path tmp, String script, String name, KeyType keyType, String... domains) throws IOException {
    Path hook = Files.writeString(tmp.resolve("dns-hook.sh"), script);
    hook.toFile().setExecutable(true);
    return new LineageSettings(
        name,
        List.of(domains),
        ca.pebble().directory(),
        ca.pebble().caBundle(),
        LineageSettings.Challenge.dns(hook.toString()),
        keyType,
        null,
        null,
        null);
  }

  /** The dns hook's {@code add} case: publishes the TXT record through Pebble's test server. */
  private String setTxt() {
    return "  add) curl -sf -d \"{\\\"host\\\":\\\"$2\\\",\\\"value\\\":\\\"$3\\\"}\" "
        + ca.pebble().challManagement()
        + "/set-txt ;;\n";
  }

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void aWebrootThatNoLongerExistsFailsTheRenewalBeforeTheCaValidates(@TempDir Path tmp)
      throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path www = Files.createDirectory(tmp.resolve("www"));
    issueThroughWebroot(store, www, "moved", "moved.example.test");
    // The site moved; the renewal file still names the old webroot.
    try (var files = Files.walk(www)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }

    Outcome o = manager(store, Clock.systemUTC()).renew("moved", true, false, null).get(0);
    assertEquals(Result.FAILED, o.result(), o.detail());
    assertTrue(o.detail().contains("the webroot " + www + " does not exist"), o.detail());
    assertFalse(Files.exists(www), "not created where nothing serves it");
    assertEquals(1, store.currentVersion("moved").getAsInt());
  }

  @Test
  void issuesThroughWebrootIntoTheLayoutWithPrivatePermissions(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    issueThroughWebroot(store, webroot, "site", "a.example.test", "b.example.test");
    Path live = store.liveDir("site");
    List<X509Certificate> chain = Pem.readCertificates(live.resolve("fullchain.pem"));
    assertEquals(
        java.util.Set.of("a.example.test", "b.example.test"),
        java.util.Set.copyOf(CertificateInfo.of(chain.get(0)).sans()));
    assertEquals(
        Pem.readKeyPair(live.resolve("privkey.pem")).getPublic(), chain.get(0).getPublicKey());
    X509Certificate root = ca.pebble().root();
    chain.get(chain.size() - 1).verify(root.getPublicKey());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(live.resolve("privkey.pem"))));
    for (Path d :
        List.of(store.root(), store.root().resolve("archive"), store.accountsDir(), live)) {
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(d)),
          d.toString());
    }
    assertTrue(Files.isSymbolicLink(live.resolve("cert.pem")));
    try (var files = Files.list(webroot.resolve(".well-known/acme-challenge"))) {
      assertEquals(0, files.count(), "challenge files are removed afterwards");
    }
    assertTrue(Files.exists(store.renewalFile("site")));
  }

  @Test
  void theFirstDomainIsTheCommonNameWhateverItsSortOrder(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    issueThroughWebroot(store, webroot, "cn", "zz.example.test", "aa.example.test");
    X509Certificate leaf = store.currentChain("cn").get().get(0);
    assertEquals(
        "CN=zz.example.test", leaf.getSubjectX500Principal().getName(), "the first -d is the CN");
    assertEquals("zz.example.test", CertificateInfo.of(leaf).sans().get(0));
  }

  @Test
  void issuesThroughTheStandaloneServer(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp);
    LineageSettings s =
        new LineageSettings(
            "alone",
            List.of("standalone.example.test"),
            ca.pebble().directory(),
            ca.pebble().caBundle(),
            LineageSettings.Challenge.standalone(ca.pebble().httpPort(), "127.0.0.1"),
            KeyType.RSA2048,
            null,
            null,
            null);
    Outcome o = manager(store, Clock.systemUTC()).issue(s, Accounts.Registration.NONE);
    assertEquals(Result.ISSUED, o.result(), o.detail());
    assertEquals("rsa2048", CertificateInfo.of(store.currentChain("alone").get().get(0)).keyType());
  }

  @Test
  void renewsOnlyWhenDueRunsTheHookAndForceRenews(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    Path env = tmp.resolve("hook-env");
    String hook =
        "echo \"$MAIIS_LINEAGE|$MAIIS_CERT_DIR|$MAIIS_DOMAINS|$RENEWED_LINEAGE|$RENEWED_DOMAINS\" >> "
            + env;
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      manager(store, Clock.systemUTC())
          .issue(webroot("r", webroot, hook, "r.example.test"), Accounts.Registration.NONE);
      assertFalse(Files.exists(env), "no deploy hook on first issue");

      List<Outcome> notDue = manager(store, Clock.systemUTC()).renew(null, false, false, null);
      assertEquals(Result.NOT_DUE, notDue.get(0).result());
      assertEquals(1, store.currentVersion("r").getAsInt());
      assertFalse(Files.exists(env), "the hook runs only when something was renewed");

      Instant later = Instant.now().plus(Duration.ofDays(4)); // under half of 6 days left
      List<Outcome> due = manager(store, at(later)).renew(null, false, false, null);
      assertEquals(Result.RENEWED, due.get(0).result(), due.get(0).detail());
      assertEquals(2, store.currentVersion("r").getAsInt());
      String live = store.liveDir("r").toString();
      assertEquals(
          "r|" + live + "|r.example.test|" + live + "|r.example.test",
          Files.readString(env).strip(),
          "certbot's names too");

      List<Outcome> forced = manager(store, Clock.systemUTC()).renew("r", true, false, null);
      assertEquals(Result.RENEWED, forced.get(0).result());
      assertEquals(3, store.currentVersion("r").getAsInt());
      assertEquals("renewed", manager(store, Clock.systemUTC()).state("r").lastResult());
    }
  }

  @Test
  void aFailingDeployHookRestoresThePreviousVersion(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      manager(store, Clock.systemUTC())
          .issue(
              webroot("d", webroot, "echo reload refused >&2; exit 3", "d.example.test"),
              Accounts.Registration.NONE);
      String before = Files.readString(store.liveDir("d").resolve("cert.pem"));
      Outcome o = manager(store, Clock.systemUTC()).renew("d", true, false, null).get(0);
      assertEquals(Result.DEPLOY_FAILED, o.result());
      assertTrue(o.detail().contains("reload refused"), o.detail());
      assertEquals(1, store.currentVersion("d").getAsInt());
      assertEquals(before, Files.readString(store.liveDir("d").resolve("cert.pem")));
      assertMatchingPair(store, "d");
      assertEquals("deploy_failed", manager(store, Clock.systemUTC()).state("d").lastResult());
    }
  }

  @Test
  void aFailedValidationLeavesThePreviousCertificateLive(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    issueThroughWebroot(store, webroot, "v", "v.example.test");
    String before = Files.readString(store.liveDir("v").resolve("fullchain.pem"));
    // Nothing serves the webroot now: Pebble's validation request is refused.
    Outcome o = manager(store, Clock.systemUTC()).renew("v", true, false, null).get(0);
    assertEquals(Result.FAILED, o.result());
    assertTrue(o.detail().contains("validation failed"), o.detail());
    assertEquals(before, Files.readString(store.liveDir("v").resolve("fullchain.pem")));
    assertMatchingPair(store, "v");
    LineageState st = manager(store, Clock.systemUTC()).state("v");
    assertEquals("failed", st.lastResult());
    assertTrue(st.lastSuccess().isBefore(st.lastAttempt()));
  }

  @Test
  void anUnreachableCaFailsAfterBoundedRetries(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp);
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    issueThroughWebroot(store, webroot, "u", "u.example.test");
    LineageSettings s = manager(store, Clock.systemUTC()).readSettings("u").get();
    int closed;
    try (var sock = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = sock.getLocalPort();
    }
    LineageSettings gone =
        new LineageSettings(
            s.name(),
            s.domains(),
            java.net.URI.create("https://127.0.0.1:" + closed + "/dir"),
            s.caBundle(),
            s.challenge(),
            s.keyType(),
            null,
            null,
            null);
    JsonFiles.write(store.renewalFile("u"), gone);
    // Nothing due: the CA being down is no failure (the lifetime rule stands in for ARI).
    Outcome notDue = manager(store, Clock.systemUTC()).renew("u", false, false, null).get(0);
    assertEquals(Result.NOT_DUE, notDue.result(), notDue.detail());
    assertTrue(notDue.detail().contains("lifetime rule"), notDue.detail());
    sleeps.clear();
    Outcome o = manager(store, Clock.systemUTC()).renew("u", true, false, null).get(0);
    assertEquals(Result.FAILED, o.result());
    assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), sleeps, o.detail());
    assertEquals(1, store.currentVersion("u").getAsInt());
    assertMatchingPair(store, "u");
  }

  @Test
  void aCaWhoseTlsCertificateIsNotTrustedIsSaidSo(@TempDir Path tmp) throws Exception {
    java.security.KeyPair k = org.maiis.tls.KeyPairs.generate(KeyType.EC256);
    Path other =
        Files.writeString(
            tmp.resolve("other-ca.pem"),
            Pem.certificates(List.of(CertificateStoreTest.cert(k, "other-ca.test"))));
    LineageSettings s = webroot("t", tmp, null, "t.example.test");
    LineageSettings untrusted =
        new LineageSettings(
            s.name(),
            s.domains(),
            s.directory(),
            other,
            s.challenge(),
            s.keyType(),
            null,
            null,
            null);
    Outcome o =
        manager(new CertificateStore(tmp.resolve("certs")), Clock.systemUTC())
            .issue(untrusted, Accounts.Registration.NONE);
    assertEquals(Result.FAILED, o.result());
    assertEquals(
        "the TLS certificate of the CA at "
            + ca.pebble().directory()
            + " is not trusted by "
            + other
            + ". Pass --ca-bundle with the CA's root certificate (tls.acme.ca_bundle), or check"
            + " --server",
        o.detail());
  }

  @Test
  void anUnwritableCertificateDirectoryFailsCleanly(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    CertificateStore store = new CertificateStore(file.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      java.io.IOException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.io.IOException.class,
              () ->
                  manager(store, Clock.systemUTC())
                      .issue(
                          webroot("w", webroot, null, "w.example.test"),
                          Accounts.Registration.NONE));
      assertTrue(e.getMessage().contains("not-a-dir"), e.getMessage());
    }
    assertEquals("x", Files.readString(file));
  }

  @Test
  void revokesAndPebbleRecordsIt(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp);
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    issueThroughWebroot(store, webroot, "x", "x.example.test");
    String serial = CertificateInfo.of(store.currentChain("x").get().get(0)).serial();
    assertTrue(ca.pebble().certStatus(serial).contains("Valid"), ca.pebble().certStatus(serial));
    manager(store, Clock.systemUTC()).revoke("x", RevocationReason.KEY_COMPROMISE);
    assertTrue(ca.pebble().certStatus(serial).contains("Revoked"), ca.pebble().certStatus(serial));

    // Status says so, and renew replaces the revoked certificate at once, as certbot does.
    CertificateManager.Status revoked = manager(store, Clock.systemUTC()).status().get(0);
    assertTrue(revoked.next().due(), revoked.next().toString());
    assertTrue(revoked.next().reason().contains("revoked"), revoked.next().reason());
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      List<Outcome> out = manager(store, Clock.systemUTC()).renew(null, false, false, null);
      assertEquals(Result.RENEWED, out.get(0).result(), out.toString());
    }
    String renewed = CertificateInfo.of(store.currentChain("x").get().get(0)).serial();
    assertNotEquals(serial, renewed);
    assertFalse(manager(store, Clock.systemUTC()).status().get(0).next().due());
  }

  @Test
  void issuesAWildcardThroughTheDnsHook(@TempDir Path tmp) throws Exception {
    ExternalTools.SYSTEM.require("curl", "curl");
    Path log = tmp.resolve("dns.log");
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    LineageSettings s =
        dnsLineage(
            tmp,
            "#!/bin/sh\nset -e\necho \"$1 $2\" >> "
                + log
                + "\n"
                + "case \"$1\" in\n"
                + setTxt()
                + "  remove) curl -sf -d \"{\\\"host\\\":\\\"$2\\\"}\" "
                + ca.pebble().challManagement()
                + "/clear-txt ;;\n"
                + "esac\n",
            "wild",
            KeyType.EC384,
            "*.wild.example.test",
            "wild.example.test");
    Outcome o = manager(store, Clock.systemUTC()).issue(s, Accounts.Registration.NONE);
    assertEquals(Result.ISSUED, o.result(), o.detail());
    assertEquals(
        java.util.Set.of("*.wild.example.test", "wild.example.test"),
        java.util.Set.copyOf(CertificateInfo.of(store.currentChain("wild").get().get(0)).sans()));
    List<String> calls = Files.readAllLines(log);
    assertEquals(4, calls.size(), calls.toString());
    assertTrue(calls.contains("add _acme-challenge.wild.example.test."), calls.toString());
    assertTrue(calls.contains("remove _acme-challenge.wild.example.test."), calls.toString());
  }

  @Test
  void aFailingDnsCleanupKeepsTheIssuedCertificateAndItsRenewalFile(@TempDir Path tmp)
      throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    LineageSettings s =
        dnsLineage(
            tmp,
            "#!/bin/sh\n"
                + "case \"$1\" in\n"
                + setTxt()
                + "  remove) echo 'zone is read-only' >&2; exit 3 ;;\n"
                + "esac\n",
            "keep",
            KeyType.EC256,
            "keep.example.test");
    Outcome o = manager(store, Clock.systemUTC()).issue(s, Accounts.Registration.NONE);
    assertEquals(Result.ISSUED, o.result(), o.detail());
    assertTrue(
        o.detail()
            .endsWith(
                "; challenge cleanup failed: dns hook 'remove' for"
                    + " _acme-challenge.keep.example.test. exited 3: zone is read-only"),
        o.detail());
    assertTrue(Files.exists(store.renewalFile("keep")), "renew must find the lineage");
    assertMatchingPair(store, "keep");
  }

  @Test
  void aWildcardWithoutDnsHookIsRefusedBeforeOrdering(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp);
    Outcome o =
        manager(store, Clock.systemUTC())
            .issue(webroot("nw", tmp, null, "*.nw.example.test"), Accounts.Registration.NONE);
    assertEquals(Result.FAILED, o.result());
    assertTrue(o.detail().contains("need dns-01"), o.detail());
  }

  @Test
  void theBuiltInNginxStepServesTheNewCertificateOrKeepsTheOld(@TempDir Path tmp) throws Exception {
    Path nginxBin = ExternalTools.SYSTEM.require("nginx", "nginx");
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    Path prefix = Files.createDirectory(tmp.resolve("nginx"));
    int port = org.maiis.testing.LoopbackPorts.free();
    Path live = store.liveDir("ng");
    String conf =
        "pid "
            + prefix
            + "/nginx.pid;\nerror_log "
            + prefix
            + "/error.log;\n"
            + "worker_processes 1;\nevents {}\nhttp {\n access_log off;\n"
            + " server {\n  listen 127.0.0.1:"
            + port
            + " ssl;\n  server_name ng.example.test;\n"
            + "  ssl_certificate "
            + live
            + "/fullchain.pem;\n"
            + "  ssl_certificate_key "
            + live
            + "/privkey.pem;\n }\n}\n";
    Path confFile = prefix.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    List<String> nginx =
        List.of(nginxBin.toString(), "-p", prefix.toString(), "-c", confFile.toString());
    String hook = "nginx:127.0.0.1:" + port;
    ProcessRunner run = new ProcessRunner(Duration.ofSeconds(30));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      manager(store, Clock.systemUTC())
          .issue(webroot("ng", webroot, hook, "ng.example.test"), Accounts.Registration.NONE);
      assertTrue(run.run(nginx).ok(), Files.readString(prefix.resolve("error.log")));
      try {
        CertificateManager m =
            manager(store, Clock.systemUTC())
                .withNginx(new NginxDeploy(nginx, run, Duration.ofSeconds(10)));
        Outcome o = m.renew("ng", true, false, null).get(0);
        assertEquals(Result.RENEWED, o.result(), o.detail());
        assertEquals(2, store.currentVersion("ng").getAsInt());
        assertServes(port, CertificateInfo.of(store.currentChain("ng").get().get(0)).sha256());

        // A broken config: nginx -t fails, version 2 is live again and still served.
        Files.writeString(confFile, conf.replace("fullchain.pem", "missing.pem"));
        Outcome bad = m.renew("ng", true, false, null).get(0);
        assertEquals(Result.DEPLOY_FAILED, bad.result(), bad.detail());
        assertTrue(bad.detail().startsWith("-t failed"), bad.detail());
        assertEquals(2, store.currentVersion("ng").getAsInt());
        assertMatchingPair(store, "ng");
        assertServes(port, CertificateInfo.of(store.currentChain("ng").get().get(0)).sha256());
      } finally {
        Files.writeString(confFile, conf);
        run.run(
            List.of(
                nginxBin.toString(),
                "-p",
                prefix.toString(),
                "-c",
                confFile.toString(),
                "-s",
                "stop"));
      }
    }
  }

  /** nginx ends up serving {@code sha256} (old workers may take a last connection first). */
  static void assertServes(int port, String sha256) throws Exception {
    String served = probe(port);
    for (int i = 0; i < 50 && !served.equals(sha256); i++) {
      Thread.sleep(100);
      served = probe(port);
    }
    assertEquals(sha256, served);
  }

  static String probe(int port) throws Exception {
    var s =
        org.maiis.tls.TlsProbe.probe(
            "127.0.0.1",
            port,
            "ng.example.test",
            org.maiis.tls.TlsProbe.trust(null),
            Duration.ofSeconds(5));
    return CertificateInfo.of(s.chain().get(0)).sha256();
  }

  static void assertMatchingPair(CertificateStore store, String name) throws Exception {
    X509Certificate leaf = store.currentChain(name).get().get(0);
    assertEquals(store.currentKey(name).getPublic(), leaf.getPublicKey());
  }
}
