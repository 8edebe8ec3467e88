package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;

/** A Pebble that requires external account binding and rejects a third of all nonces. */
class EabAndNonceIT {
  @RegisterExtension
  static final PebbleCa<AutoCloseable> ca =
      PebbleCa.of(new PebbleFixture.Options(7_776_000, 30, true));

  CertificateManager manager(CertificateStore store) {
    return PebbleManagers.of(store, true, Clock.systemUTC(), d -> {}, 1);
  }

  LineageSettings settings(String name, Path webroot, String kid) {
    return ca.pebble().webroot(name, List.of(name + ".example.test"), webroot, null, kid);
  }

  @Test
  void anAccountWithoutBindingIsRefused(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp);
    Outcome o = manager(store).issue(settings("noeab", tmp, null), Accounts.Registration.NONE);
    assertEquals(Result.FAILED, o.result());
    assertTrue(o.detail().toLowerCase().contains("requires external account binding"), o.detail());
    assertTrue(store.lineages().isEmpty());
  }

  @Test
  void issuesAndRenewsWithBindingDespiteRejectedNonces(@TempDir Path tmp) throws Exception {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    String key = PebbleFixture.EAB_KEYS.get("kid-1");
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      Outcome o =
          manager(store)
              .issue(
                  settings("eab", webroot, "kid-1"), new Accounts.Registration(null, "kid-1", key));
      assertEquals(Result.ISSUED, o.result(), o.detail());
      // Renewal reuses the stored account: no EAB key needed (none is stored).
      Outcome r = manager(store).renew("eab", true, false, null).get(0);
      assertEquals(Result.RENEWED, r.result(), r.detail());
      assertEquals(2, store.currentVersion("eab").getAsInt());
    }
    try (var files = Files.walk(store.root())) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertTrue(!Files.readString(f).contains(key), "EAB key stored in " + f);
      }
    }
  }
}
