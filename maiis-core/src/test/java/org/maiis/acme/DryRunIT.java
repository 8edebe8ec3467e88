package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.DryRun;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;

/**
 * {@code renew --dry-run} rehearses at the CA, as certbot's does: a real order whose challenges are
 * answered through the lineage's webroot, then discarded. A good webroot passes and the certificate
 * directory stays byte for byte what it was; a broken one fails the dry run.
 */
class DryRunIT {
  @RegisterExtension
  static final PebbleCa<ProxyFront> ca =
      PebbleCa.withFront(new PebbleFixture.Options(7_776_000, 0, false), ProxyFront::new);

  @Test
  void aDryRunAnswersTheChallengesAndLeavesTheDirectoryByteIdentical(@TempDir Path tmp)
      throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    Path deployed = tmp.resolve("deployed");
    LineageSettings s =
        ca.pebble()
            .lineage(
                "dry",
                ca.front().directory(),
                LineageSettings.Challenge.webroot(webroot),
                null,
                "touch " + deployed);
    CertificateManager m = PebbleManagers.of(store, false, Clock.systemUTC(), d -> {}, 1);
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      assertEquals(Result.ISSUED, m.issue(s, Accounts.Registration.NONE).result());
      List<String> before = snapshot(store.root());
      int ordered = ca.front().orders();
      int open = ca.front().openOrders.get();

      Outcome notDue = m.renew(null, false, DryRun.REHEARSE, null).get(0);
      assertEquals(Result.NOT_DUE, notDue.result(), notDue.detail());
      assertTrue(
          notDue.detail().endsWith("; dry run: order and challenges passed at " + s.directory()),
          notDue.detail());
      Outcome forced = m.renew("dry", true, DryRun.REHEARSE, null).get(0);
      assertEquals(Result.WOULD_RENEW, forced.result(), forced.detail());
      assertTrue(forced.detail().contains("dry run: order and challenges passed"));

      assertEquals(ordered + 2, ca.front().orders(), "each dry run placed a real order at the CA");
      assertEquals(open + 2, ca.front().openOrders.get(), "no certificate was downloaded");
      assertEquals(before, snapshot(store.root()), "nothing in the directory changed");
      assertFalse(Files.exists(deployed), "no deploy hook ran");
      try (var left = Files.list(webroot.resolve(".well-known/acme-challenge"))) {
        assertEquals(0, left.count(), "the challenge files are removed");
      }
    }

    // Nothing serves the webroot now: the dry run fails as the renewal would, and still writes
    // nothing.
    List<String> before = snapshot(store.root());
    Outcome broken = m.renew(null, false, DryRun.REHEARSE, null).get(0);
    assertEquals(Result.FAILED, broken.result(), broken.detail());
    assertTrue(broken.detail().startsWith("dry run: dry.example.test: validation failed: "));
    assertEquals(before, snapshot(store.root()));
  }

  /** Every path under {@code root} with its bytes (or link target), the lock file aside. */
  static List<String> snapshot(Path root) throws Exception {
    List<String> out = new ArrayList<>();
    try (var all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted()::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.equals(".lock")) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.add(rel + " -> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          out.add(rel + " " + HexFormat.of().formatHex(Files.readAllBytes(p)));
        } else {
          out.add(rel + "/");
        }
      }
    }
    return out;
  }
}
