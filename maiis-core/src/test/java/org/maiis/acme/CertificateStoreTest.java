package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;

class CertificateStoreTest {
  @TempDir Path tmp;

  static X509Certificate cert(KeyPair k, String name) {
    Instant now = Instant.now();
    return Certificates.selfSigned(k, List.of(name), now, now.plus(Duration.ofDays(1)));
  }

  /** A store under tmp/certs holding version 1 of lineage "site", for a.test with key {@code k}. */
  private CertificateStore siteStore(KeyPair k) throws IOException {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    store.createLayout();
    store.install("site", k, List.of(cert(k, "a.test")));
    return store;
  }

  @Test
  void installsVersionsBehindOneCurrentLinkWithPrivatePermissions() throws IOException {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    store.createLayout();
    KeyPair k1 = KeyPairs.generate(KeyType.EC256);
    assertEquals(1, store.install("site", k1, List.of(cert(k1, "a.test"))));
    KeyPair k2 = KeyPairs.generate(KeyType.EC384);
    assertEquals(2, store.install("site", k2, List.of(cert(k2, "a.test"))));

    Path live = store.liveDir("site");
    for (String f : CertificateStore.FILES) {
      assertEquals(
          Path.of("..", "..", "archive", "site", "current", f),
          Files.readSymbolicLink(live.resolve(f)));
    }
    assertEquals(Path.of("2"), Files.readSymbolicLink(store.archiveDir("site").resolve("current")));
    assertEquals(k2.getPublic(), store.currentKey("site").getPublic());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(store.archiveDir("site").resolve("2/privkey.pem"))));
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.root())));
    assertEquals(List.of("site"), store.lineages());

    store.activate("site", 1);
    assertEquals(k1.getPublic(), store.currentKey("site").getPublic());
    assertEquals(k1.getPublic(), store.currentChain("site").get().get(0).getPublicKey());
  }

  @Test
  void stagesAPendingVersionWithoutMakingItLive() throws IOException {
    KeyPair k1 = KeyPairs.generate(KeyType.EC256);
    CertificateStore store = siteStore(k1);
    KeyPair k2 = KeyPairs.generate(KeyType.EC256);
    assertEquals(2, store.stage("site", k2, List.of(cert(k2, "a.test")), null));
    assertEquals(1, store.currentVersion("site").getAsInt());
    assertEquals(k1.getPublic(), store.currentKey("site").getPublic());
    assertEquals(2, store.pendingVersion("site").getAsInt());
    assertEquals(List.of("site"), store.pendingLineages());
    assertEquals(k2.getPublic(), store.key("site", 2).getPublic());
    store.clearPending("site");
    assertTrue(store.pendingVersion("site").isEmpty());
    assertTrue(Files.isDirectory(store.archiveDir("site").resolve("2")), "kept in the archive");
  }

  @Test
  void aPendingMarkNamingAVersionThatNeverLandedCountsAsNone() throws IOException {
    // A kill between writing the mark and renaming the version directory into place.
    KeyPair k1 = KeyPairs.generate(KeyType.EC256);
    CertificateStore store = siteStore(k1);
    Files.createSymbolicLink(store.archiveDir("site").resolve("pending"), Path.of("2"));
    assertTrue(store.pendingVersion("site").isEmpty());
    assertTrue(store.pendingLineages().isEmpty());
    KeyPair k2 = KeyPairs.generate(KeyType.EC256);
    assertEquals(2, store.stage("site", k2, List.of(cert(k2, "a.test")), null));
    assertEquals(2, store.pendingVersion("site").getAsInt());
  }

  @Test
  void refusesAKeyThatDoesNotMatchAndLeavesLiveUntouched() throws IOException {
    CertificateStore store = new CertificateStore(tmp);
    KeyPair k1 = KeyPairs.generate(KeyType.EC256);
    store.install("s", k1, List.of(cert(k1, "s.test")));
    KeyPair other = KeyPairs.generate(KeyType.EC256);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                store.install(
                    "s", other, List.of(cert(KeyPairs.generate(KeyType.EC256), "s.test"))));
    assertTrue(e.getMessage().contains("does not match"));
    assertEquals(1, store.currentVersion("s").getAsInt());
    assertEquals(k1.getPublic(), store.currentKey("s").getPublic());
    try (var files = Files.list(store.archiveDir("s"))) {
      assertEquals(2, files.count(), "only version 1 and current");
    }
  }

  @Test
  void aLeftoverTemporaryVersionFromAKilledRunIsReplaced() throws IOException {
    CertificateStore store = new CertificateStore(tmp);
    KeyPair k1 = KeyPairs.generate(KeyType.EC256);
    store.install("s", k1, List.of(cert(k1, "s.test")));
    Path leftover = Files.createDirectories(store.archiveDir("s").resolve(".2.tmp"));
    Files.writeString(leftover.resolve("cert.pem"), "half");
    KeyPair k2 = KeyPairs.generate(KeyType.EC256);
    assertEquals(2, store.install("s", k2, List.of(cert(k2, "s.test"))));
    assertEquals(k2.getPublic(), store.currentChain("s").get().get(0).getPublicKey());
  }

  @Test
  void lineageNamesCannotEscapeTheDirectory() {
    CertificateStore store = new CertificateStore(tmp);
    assertThrows(IllegalArgumentException.class, () -> store.liveDir("../etc"));
    assertThrows(IllegalArgumentException.class, () -> store.liveDir("a/b"));
  }

  @Test
  void pathsAreAbsoluteWhateverTheWorkingDirectory() {
    assertTrue(new CertificateStore(Path.of("relative")).root().isAbsolute());
  }
}
