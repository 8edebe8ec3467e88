package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.TlsConfig;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.process.ProcessRunner;
import org.maiis.tls.KeyPairs;

/** Tampered lineage files: each damaged lineage is reported alone, the good ones still work. */
class DamagedLineageTest {
  @TempDir Path tmp;

  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  private CertificateStore store;

  private CertificateManager manager() {
    Pacing pacing =
        new Pacing(
            Clock.fixed(NOW, ZoneOffset.UTC),
            d -> {},
            2,
            Duration.ofMillis(1),
            Duration.ofMillis(1),
            Duration.ofSeconds(1));
    return new CertificateManager(
        store,
        new RenewalPolicy(new TlsConfig.Renewal(false, 1.0 / 3, 0.5), new Random(1)),
        pacing,
        new ProcessRunner(Duration.ofSeconds(5)),
        Duration.ofSeconds(1));
  }

  /** A lineage with a 90-day certificate issued yesterday and a renewal file. */
  private void lineage(String name) throws IOException {
    StoreVersions.install(
        store, name, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));
    JsonFiles.write(
        store.renewalFile(name),
        new LineageSettings(
            name,
            List.of(name + ".test"),
            URI.create("https://127.0.0.1:1/dir"),
            null,
            LineageSettings.Challenge.webroot(tmp.resolve("www")),
            KeyType.EC256,
            null,
            null,
            null));
  }

  private Path liveTarget(String name, String file) throws IOException {
    return store.liveDir(name).resolve(file).toRealPath();
  }

  @Test
  void statusReportsATruncatedCertificateAndStillShowsTheGoodLineage() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("bad");
    lineage("good");
    Path full = liveTarget("bad", "fullchain.pem");
    Files.writeString(full, Files.readString(full).substring(0, 200));

    List<CertificateManager.Status> all = manager().status();

    assertEquals(
        List.of("bad", "good"), all.stream().map(CertificateManager.Status::name).toList());
    assertTrue(
        all.get(0).error().startsWith(store.liveDir("bad") + "/fullchain.pem: "),
        all.get(0).error());
    assertNull(all.get(1).error());
    assertEquals(List.of("good.test"), all.get(1).cert().sans());
  }

  @Test
  void statusReportsAKeyThatDoesNotMatchTheCertificate() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("site");
    Files.writeString(
        liveTarget("site", "privkey.pem"),
        org.maiis.tls.Pem.privateKey(KeyPairs.generate(KeyType.EC256).getPrivate()));

    CertificateManager.Status s = manager().status().get(0);

    assertEquals(
        store.liveDir("site").resolve("privkey.pem") + ": does not match the certificate",
        s.error());
  }

  @Test
  void statusReportsADanglingOrLoopingLiveLinkInsteadOfHidingTheLineage() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("gone");
    lineage("loop");
    deleteTree(store.archiveDir("gone"));
    Path loop = store.liveDir("loop").resolve("fullchain.pem");
    Files.delete(loop);
    Files.createSymbolicLink(loop, loop.getFileName());

    List<CertificateManager.Status> all = manager().status();

    assertEquals(2, all.size());
    assertEquals(store.liveDir("gone").resolve("fullchain.pem") + ": missing", all.get(0).error());
    assertEquals(store.liveDir("loop").resolve("fullchain.pem") + ": missing", all.get(1).error());
  }

  @Test
  void renewFailsOnlyTheLineageWithAnUnreadableRenewalFile() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("bad");
    lineage("good");
    Files.writeString(store.renewalFile("bad"), "{\"name\": \"bad\", \"domains\": [");

    List<CertificateManager.Outcome> out = manager().renew(null, false, false, null);

    assertEquals(2, out.size());
    assertEquals(CertificateManager.Result.FAILED, out.get(0).result());
    assertTrue(
        out.get(0).detail().startsWith(store.renewalFile("bad") + ": unreadable"),
        out.get(0).detail());
    assertEquals(CertificateManager.Result.NOT_DUE, out.get(1).result());
  }

  @Test
  void statusReportsARenewalFileThatRenewCannotUse() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("site");
    Files.writeString(store.renewalFile("site"), "{\"name\": \"site\"}");

    assertEquals(
        store.renewalFile("site") + ": missing or empty field 'domains'",
        manager().status().get(0).error());
  }

  @Test
  void aRenewalFileWithoutItsDirectoryNamesTheFieldAndTheFile() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("site");
    String json = Files.readString(store.renewalFile("site"));
    Files.writeString(
        store.renewalFile("site"), json.replaceAll("\"directory\" : \"[^\"]*\",", ""));

    CertificateManager.Outcome o = manager().renew("site", true, false, null).get(0);

    assertEquals(CertificateManager.Result.FAILED, o.result());
    assertEquals(store.renewalFile("site") + ": missing or empty field 'directory'", o.detail());
  }

  @Test
  void aRenewalFileNamingAnotherLineageIsRefused() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("a");
    lineage("b");
    String json = Files.readString(store.renewalFile("a"));
    Files.writeString(store.renewalFile("a"), json.replace("\"name\" : \"a\"", "\"name\" : \"b\""));

    CertificateManager.Outcome o = manager().renew("a", true, false, null).get(0);

    assertEquals(CertificateManager.Result.FAILED, o.result());
    assertEquals(store.renewalFile("a") + ": field 'name' is 'b', expected 'a'", o.detail());
    assertEquals(1, store.currentVersion("b").getAsInt());
  }

  @Test
  void aTamperedCurrentLinkIsNamedNotANumberFormatError() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("site");
    Path current = store.archiveDir("site").resolve("current");
    Files.delete(current);
    Files.createSymbolicLink(current, Path.of("latest"));

    CertificateManager.Outcome o = manager().renew("site", true, false, null).get(0);

    assertEquals(CertificateManager.Result.FAILED, o.result());
    assertEquals(current + ": not a version number (latest)", o.detail());
  }

  @Test
  void aDamagedLivePairIsDueSoRenewRepairsIt() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("mismatch");
    lineage("truncated");
    Files.writeString(
        liveTarget("mismatch", "privkey.pem"),
        org.maiis.tls.Pem.privateKey(KeyPairs.generate(KeyType.EC256).getPrivate()));
    Path full = liveTarget("truncated", "fullchain.pem");
    Files.writeString(full, Files.readString(full).substring(0, 200));

    List<CertificateManager.Outcome> out = manager().renew(null, false, true, null);

    assertEquals(CertificateManager.Result.WOULD_RENEW, out.get(0).result(), out.toString());
    assertEquals("the live key does not match the certificate", out.get(0).detail());
    assertEquals(CertificateManager.Result.WOULD_RENEW, out.get(1).result(), out.toString());
    assertTrue(out.get(1).detail().startsWith(store.liveDir("truncated") + "/fullchain.pem: "));
  }

  @Test
  void aDryRunWritesNothing() throws IOException {
    store = new CertificateStore(tmp.resolve("certs"));
    lineage("site");
    List<String> before = listing(store.root());

    List<CertificateManager.Outcome> out = manager().renew(null, false, true, null);

    assertEquals(CertificateManager.Result.NOT_DUE, out.get(0).result());
    assertFalse(Files.exists(store.stateFile("site")));
    assertEquals(before, listing(store.root()));
  }

  @Test
  void renewingAMissingDirectoryCreatesNothing() throws IOException {
    store = new CertificateStore(tmp.resolve("typo"));
    assertEquals(List.of(), manager().renew(null, false, false, null));
    assertFalse(Files.exists(store.root()));
  }

  private static List<String> listing(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (var s = Files.walk(root)) {
      s.filter(p -> !p.getFileName().toString().equals(".lock"))
          .forEach(p -> out.add(root.relativize(p).toString()));
    }
    out.sort(null);
    return out;
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
