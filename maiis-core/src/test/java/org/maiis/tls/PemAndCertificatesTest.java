package org.maiis.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.maiis.config.TlsConfig.KeyType;

class PemAndCertificatesTest {
  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC256", "EC384", "RSA2048"})
  void selfSignedCertificatesCarryTheirSansAndKeysRoundTripThroughPem(KeyType type)
      throws Exception {
    KeyPair k = KeyPairs.generate(type);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    var cert =
        Certificates.selfSigned(
            k,
            List.of("example.test", "*.example.test", "127.0.0.1"),
            now,
            now.plus(Duration.ofDays(30)));
    CertificateInfo info = CertificateInfo.of(cert);
    assertEquals(List.of("example.test", "*.example.test", "127.0.0.1"), info.sans());
    assertEquals(KeyPairs.name(type), info.keyType());
    assertEquals("example.test", info.subject());
    assertEquals(29, info.daysLeft(now.plusSeconds(1)));
    assertTrue(info.matches("www.example.test"));
    assertFalse(info.matches("a.b.example.test"));
    cert.verify(k.getPublic());

    KeyPair back = Pem.parseKeyPair(Pem.privateKey(k.getPrivate()), "test");
    assertEquals(k.getPublic(), back.getPublic());
    assertEquals(cert, Pem.parseCertificates(Pem.certificates(List.of(cert)), "test").get(0));
  }

  @org.junit.jupiter.api.Test
  void unreadableFilesAreNamedWithWhatIsWrong(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path missing = dir.resolve("missing.pem");
    java.nio.file.Path binary = dir.resolve("binary.pem");
    java.nio.file.Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertEquals(missing + ": no such file", message(() -> Pem.readCertificates(missing)));
    assertEquals(
        dir + ": is a directory, not a PEM file", message(() -> Pem.readCertificates(dir)));
    assertEquals(binary + ": no private key in file", message(() -> Pem.readKeyPair(binary)));
  }

  @org.junit.jupiter.api.Test
  void aBundleWithUtf8CommentsBetweenTheBlocksIsRead(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    KeyPair k = KeyPairs.generate(KeyType.EC256);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    var cert = Certificates.selfSigned(k, List.of("a.test"), now, now.plus(Duration.ofDays(1)));
    java.nio.file.Path bundle = dir.resolve("ca-bundle.crt");
    java.nio.file.Files.writeString(
        bundle,
        "# NetLock Arany (Class Gold) F\u0151tan\u00fas\u00edtv\u00e1ny\n"
            + Pem.certificates(List.of(cert, cert)),
        java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(List.of(cert, cert), Pem.readCertificates(bundle));
  }

  private static String message(org.junit.jupiter.api.function.Executable e) {
    return org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, e).getMessage();
  }
}
