package org.maiis.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 certificates: self-signed server certificates for development, and small private CAs
 * (used to give test CAs such as Pebble their own trusted TLS certificate).
 */
public final class Certificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certificates() {}

  /**
   * A self-signed server certificate for {@code names} (DNS names or IP addresses; the first is the
   * subject CN), valid from {@code notBefore} to {@code notAfter}.
   */
  public static X509Certificate selfSigned(
      KeyPair keys, List<String> names, Instant notBefore, Instant notAfter) {
    return server(
        keys.getPublic(), names, notBefore, notAfter, cn(names.get(0)), keys.getPrivate());
  }

  /** A CA certificate named {@code commonName} that can sign server certificates. */
  public static X509Certificate authority(
      KeyPair keys, String commonName, Instant notBefore, Instant notAfter) {
    try {
      X500Name name = cn(commonName);
      X509v3CertificateBuilder b = builder(name, name, keys.getPublic(), notBefore, notAfter);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return sign(b, keys.getPrivate());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a CA certificate", e);
    }
  }

  /** A server certificate for {@code names} signed by the CA {@code ca}. */
  public static X509Certificate issue(
      X509Certificate ca,
      PrivateKey caKey,
      PublicKey subject,
      List<String> names,
      Instant notBefore,
      Instant notAfter) {
    return server(
        subject,
        names,
        notBefore,
        notAfter,
        X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
        caKey);
  }

  private static X509Certificate server(
      PublicKey subject,
      List<String> names,
      Instant notBefore,
      Instant notAfter,
      X500Name issuer,
      PrivateKey signer) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs at least one name");
    }
    try {
      X509v3CertificateBuilder b = builder(issuer, cn(names.get(0)), subject, notBefore, notAfter);
      GeneralName[] sans = new GeneralName[names.size()];
      for (int i = 0; i < sans.length; i++) {
        String n = names.get(i);
        sans[i] =
            isIp(n)
                ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                : new GeneralName(GeneralName.dNSName, n);
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      int usage =
          subject.getAlgorithm().equals("RSA")
              ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
              : KeyUsage.digitalSignature;
      b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      return sign(b, signer);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a certificate", e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, PublicKey key, Instant notBefore, Instant notAfter)
      throws GeneralSecurityException, java.io.IOException {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(127, RANDOM).add(BigInteger.ONE),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            key);
    b.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
    return b;
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws GeneralSecurityException {
    String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static X500Name cn(String name) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
  }

  /** Whether {@code name} is an IPv4 or IPv6 literal rather than a DNS name. */
  static boolean isIp(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }
}
