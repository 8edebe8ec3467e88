package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;

/** A CA's answer is checked before it replaces the live certificate. */
class IssuedChainCheckTest {
  private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
  private final KeyPair caKeys = keys();
  private final X509Certificate ca =
      Certificates.authority(caKeys, "Test CA", NOW.minus(Duration.ofDays(1)), days(3650));
  private final KeyPair leafKeys = keys();

  @Test
  void aChainForEveryNameSignedLinkByLinkPasses() {
    X509Certificate leaf = leaf(List.of("a.test", "www.a.test", "2001:db8::1"), NOW, days(90));
    assertDoesNotThrow(
        () ->
            IssuedChainCheck.check(
                List.of("www.a.test", "a.test", "2001:0db8:0:0:0:0:0:1"), List.of(leaf, ca)));
  }

  @Test
  void aNameTheCertificateLacksFailsTheOrderNamingIt() {
    X509Certificate leaf = leaf(List.of("a.test"), NOW, days(90));
    assertEquals(
        "the CA's certificate does not name www.a.test (it names a.test)",
        failure(List.of("a.test", "www.a.test"), List.of(leaf, ca)));
  }

  @Test
  void aChainWhoseNextCertificateDidNotSignTheLeafFails() {
    // Same name as the real CA, another key: only the signature tells them apart.
    X509Certificate impostor =
        Certificates.authority(keys(), "Test CA", NOW.minus(Duration.ofDays(1)), days(3650));
    X509Certificate leaf = leaf(List.of("a.test"), NOW, days(90));
    assertEquals(
        "the CA's chain is broken: certificate 2 of 2 did not sign certificate 1",
        failure(List.of("a.test"), List.of(leaf, impostor)));
    assertEquals("the CA sent no certificate", failure(List.of("a.test"), List.of()));
  }

  private String failure(List<String> names, List<X509Certificate> chain) {
    return assertThrows(java.io.IOException.class, () -> IssuedChainCheck.check(names, chain))
        .getMessage();
  }

  private X509Certificate leaf(List<String> names, Instant notBefore, Instant notAfter) {
    return Certificates.issue(
        ca, caKeys.getPrivate(), leafKeys.getPublic(), names, notBefore, notAfter);
  }

  private static Instant days(int n) {
    return NOW.plus(Duration.ofDays(n));
  }

  private static KeyPair keys() {
    return KeyPairs.generate(KeyType.EC256);
  }
}
