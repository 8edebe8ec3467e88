package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.KeyPairs;

/** {@code ssl delete}: a lineage goes whole, and a run killed part-way is never half a lineage. */
class LineageDeletionTest {
  @TempDir Path tmp;

  /** "site": version 1 live, version 2 pending, renewal and state files; "other" beside it. */
  private CertificateStore store() throws IOException {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    store.createLayout();
    KeyPair k = KeyPairs.generate(KeyType.EC256);
    store.install("site", k, List.of(CertificateStoreTest.cert(k, "a.test")));
    store.stage("site", k, List.of(CertificateStoreTest.cert(k, "a.test")), null);
    Files.writeString(store.renewalFile("site"), "{}");
    Files.writeString(store.stateFile("site"), "{}");
    store.install("other", k, List.of(CertificateStoreTest.cert(k, "b.test")));
    return store;
  }

  private static List<Path> parts(CertificateStore store) {
    return List.of(
        store.liveDir("site"),
        store.archiveDir("site"),
        store.renewalFile("site"),
        store.stateFile("site"));
  }

  private static void assertGone(CertificateStore store) throws IOException {
    for (Path p : parts(store)) {
      assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p.toString());
    }
    try (Stream<Path> all = Files.walk(store.root())) {
      assertEquals(
          List.of(),
          all.filter(p -> p.toString().contains("site") || p.toString().contains(".deleting"))
              .toList());
    }
    assertEquals(List.of("other"), store.lineages());
    assertEquals(List.of(), store.pendingLineages());
    assertTrue(Files.exists(store.liveDir("other").resolve("fullchain.pem")));
  }

  @Test
  void aLineageIsDeletedWholeAndOnlyOnce() throws IOException {
    CertificateStore store = store();
    assertEquals(List.of("site"), store.pendingLineages());
    assertTrue(store.delete("site"));
    assertGone(store);
    assertFalse(store.delete("site"), "nothing left to delete");
    assertFalse(store.delete("never"));
  }

  /**
   * A run killed after its first {@code moved} renames (the pending mark is cleared before any):
   * renew and status see no lineage "site" once its live links are gone, and the next delete
   * finishes.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void aDeleteKilledAtAnyStepIsFinishedByTheNext(int moved) throws IOException {
    CertificateStore store = store();
    store.clearPending("site");
    Path trash = Files.createDirectories(store.root().resolve(".deleting").resolve("site"));
    for (int i = 0; i < moved; i++) {
      Files.move(parts(store).get(i), trash.resolve(Integer.toString(i)));
    }
    assertEquals(List.of(), store.pendingLineages(), "no pending version to deploy again");
    assertEquals(moved == 0 ? List.of("other", "site") : List.of("other"), store.lineages());

    assertTrue(store.delete("site"));
    assertGone(store);
  }

  /** A leftover of an earlier cut-short delete does not stop a lineage issued since. */
  @Test
  void aLeftoverOfAnEarlierDeleteIsClearedFirst() throws IOException {
    CertificateStore store = store();
    Path leftover = store.root().resolve(".deleting").resolve("site").resolve("0");
    Files.createDirectories(leftover);
    Files.writeString(leftover.resolve("cert.pem"), "old");
    assertTrue(store.delete("site"));
    assertGone(store);
  }
}
