package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.EndpointVerification.Local;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;
import org.maiis.tls.TlsProbe;

class EndpointVerificationTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path tmp;

  static X509Certificate cert(KeyPair k, String name, Instant notAfter) {
    return Certificates.selfSigned(k, List.of(name), NOW.minus(Duration.ofDays(1)), notAfter);
  }

  static TlsProbe.Served served(X509Certificate leaf, String chainError) {
    return new TlsProbe.Served("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(leaf), chainError);
  }

  private CertificateStore store() throws IOException {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    store.createLayout();
    return store;
  }

  /**
   * Installs a certificate for web.test with a new key, valid {@code days} from {@link #NOW}, as
   * the next version of lineage "web" (as {@link #cert} makes them).
   */
  private static X509Certificate installWeb(CertificateStore store, int days) throws IOException {
    return StoreVersions.install(
        store, "web", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(days)));
  }

  @Test
  void theLiveVersionServedWithATrustedChainIsOk() throws IOException {
    CertificateStore store = store();
    X509Certificate live = installWeb(store, 30);

    EndpointVerification v = EndpointVerification.judge(served(live, null), "web.test", store, NOW);
    assertEquals(Local.NEWEST, v.local());
    assertEquals("newest", v.local().label());
    assertTrue(v.nameMatches());
    assertEquals(30, v.daysLeft());
    assertTrue(v.ok());
  }

  @Test
  void anOlderVersionOfTheLineageIsNotOk() throws IOException {
    CertificateStore store = store();
    X509Certificate old = installWeb(store, 30);
    installWeb(store, 90);

    EndpointVerification v = EndpointVerification.judge(served(old, null), "web.test", store, NOW);
    assertEquals(Local.OLDER, v.local());
    assertFalse(v.ok());
  }

  @Test
  void eachProblemAloneMakesItNotOk() throws IOException {
    CertificateStore empty = new CertificateStore(tmp.resolve("none"));
    KeyPair k = KeyPairs.generate(KeyType.EC256);
    X509Certificate good = cert(k, "web.test", NOW.plus(Duration.ofDays(30)));

    EndpointVerification fine =
        EndpointVerification.judge(served(good, null), "web.test", empty, NOW);
    assertEquals(Local.NONE, fine.local());
    assertTrue(fine.ok());

    EndpointVerification untrusted =
        EndpointVerification.judge(served(good, "unknown issuer"), "web.test", empty, NOW);
    assertFalse(untrusted.chainValid());
    assertFalse(untrusted.ok());

    EndpointVerification mismatch =
        EndpointVerification.judge(served(good, null), "other.test", empty, NOW);
    assertFalse(mismatch.nameMatches());
    assertFalse(mismatch.ok());

    X509Certificate expired = cert(k, "web.test", NOW.minus(Duration.ofHours(1)));
    assertFalse(EndpointVerification.judge(served(expired, null), "web.test", empty, NOW).ok());
  }
}
