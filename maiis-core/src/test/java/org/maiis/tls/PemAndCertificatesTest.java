package org.maiis.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
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

  /** openssl writes the public point into an EC PRIVATE KEY block; `openssl ec -no_public` not. */
  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC256", "EC384"})
  void aTraditionalEcKeyIsReadWithOrWithoutItsPublicPoint(KeyType type) throws Exception {
    KeyPair k = KeyPairs.generate(type);
    for (boolean withPoint : List.of(true, false)) {
      KeyPair back = Pem.parseKeyPair(sec1(k, withPoint), "test");
      assertEquals(k.getPublic(), back.getPublic());
      assertEquals(
          ((ECPrivateKey) k.getPrivate()).getS(), ((ECPrivateKey) back.getPrivate()).getS());
    }
  }

  @org.junit.jupiter.api.Test
  void aTraditionalRsaKeyIsRead() throws Exception {
    KeyPair k = KeyPairs.generate(KeyType.RSA2048);
    StringWriter pkcs1 = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(pkcs1)) {
      w.writeObject(k.getPrivate());
    }
    assertTrue(pkcs1.toString().startsWith("-----BEGIN RSA PRIVATE KEY-----"), pkcs1.toString());
    assertEquals(k.getPublic(), Pem.parseKeyPair(pkcs1.toString(), "test").getPublic());
  }

  /** An EC PRIVATE KEY block (SEC 1) naming its curve, with or without the public point. */
  static String sec1(KeyPair k, boolean withPoint) throws Exception {
    ECPrivateKey priv = (ECPrivateKey) k.getPrivate();
    ASN1Encodable curve =
        PrivateKeyInfo.getInstance(priv.getEncoded()).getPrivateKeyAlgorithm().getParameters();
    int bits = priv.getParams().getOrder().bitLength();
    DERBitString point =
        new DERBitString(
            SubjectPublicKeyInfo.getInstance(k.getPublic().getEncoded())
                .getPublicKeyData()
                .getBytes());
    var block =
        withPoint
            ? new org.bouncycastle.asn1.sec.ECPrivateKey(bits, priv.getS(), point, curve)
            : new org.bouncycastle.asn1.sec.ECPrivateKey(bits, priv.getS(), curve);
    return Pem.block("EC PRIVATE KEY", block.getEncoded());
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC256", "EC384", "RSA2048"})
  void privateKeysAreReadInEverySpellingAndTestedAgainstTheirPublicHalf(KeyType type)
      throws Exception {
    KeyPair k = KeyPairs.generate(type);
    StringWriter traditional = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(traditional)) {
      w.writeObject(k.getPrivate());
    }
    List<String> spellings =
        type == KeyType.RSA2048
            ? List.of(Pem.privateKey(k.getPrivate()), traditional.toString())
            : List.of(Pem.privateKey(k.getPrivate()), sec1(k, true), sec1(k, false));
    for (String pem : spellings) {
      PrivateKey back = Pem.parsePrivateKey("# a comment\n" + pem, "test");
      assertTrue(KeyPairs.belongTogether(back, k.getPublic()), pem);
      assertFalse(KeyPairs.belongTogether(back, KeyPairs.generate(type).getPublic()), pem);
    }
  }

  @org.junit.jupiter.api.Test
  void keysOfAnotherTypeOrCurveOrWithoutCrtPartsAreJudgedRight() throws Exception {
    KeyPair ec256 = KeyPairs.generate(KeyType.EC256);
    KeyPair ec384 = KeyPairs.generate(KeyType.EC384);
    KeyPair rsa = KeyPairs.generate(KeyType.RSA2048);
    assertFalse(KeyPairs.belongTogether(ec256.getPrivate(), ec384.getPublic()));
    assertFalse(KeyPairs.belongTogether(ec384.getPrivate(), ec256.getPublic()));
    assertFalse(KeyPairs.belongTogether(ec256.getPrivate(), rsa.getPublic()));
    assertFalse(KeyPairs.belongTogether(rsa.getPrivate(), ec256.getPublic()));
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) rsa.getPrivate();
    PrivateKey bare =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));
    assertTrue(KeyPairs.belongTogether(bare, rsa.getPublic()));
    assertFalse(KeyPairs.belongTogether(bare, KeyPairs.generate(KeyType.RSA2048).getPublic()));
  }

  /** A certificate first, then its key: the first block is what counts, as for parseKeyPair. */
  @org.junit.jupiter.api.Test
  void onlyAFileThatStartsWithAKeyIsReadAsOne() throws Exception {
    KeyPair k = KeyPairs.generate(KeyType.EC256);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    var cert = Certificates.selfSigned(k, List.of("a.test"), now, now.plus(Duration.ofDays(1)));
    String both = Pem.certificates(List.of(cert)) + Pem.privateKey(k.getPrivate());
    assertEquals(
        "both.pem: no private key in file", message(() -> Pem.parseKeyPair(both, "both.pem")));
    assertEquals(
        "both.pem: no private key in file", message(() -> Pem.parsePrivateKey(both, "both.pem")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        "-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n"
      })
  void aDamagedKeyBlockIsNamedWithItsFile(String pem) {
    String message = message(() -> Pem.parseKeyPair(pem, "privkey.pem"));
    assertTrue(message.startsWith("privkey.pem: "), message);
    assertEquals(message, message(() -> Pem.parsePrivateKey(pem, "privkey.pem")));
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
