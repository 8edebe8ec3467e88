package org.maiis.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What status and verify report about a certificate.
 *
 * @param subject the subject's common name (or the full DN when it has none)
 * @param sans DNS names and IP addresses, in certificate order
 * @param issuer the issuer's common name (or full DN)
 * @param keyType ec256, ec384, rsa2048, ...
 * @param serial the serial number in lower-case hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param sha256 SHA-256 fingerprint of the DER encoding, lower-case hex
 */
public record CertificateInfo(
    String subject,
    List<String> sans,
    String issuer,
    String keyType,
    String serial,
    Instant notBefore,
    Instant notAfter,
    String sha256) {

  /** Inspects {@code cert}. */
  public static CertificateInfo of(X509Certificate cert) {
    return new CertificateInfo(
        commonName(cert.getSubjectX500Principal().getName()),
        sans(cert),
        commonName(cert.getIssuerX500Principal().getName()),
        KeyPairs.describe(cert.getPublicKey()),
        cert.getSerialNumber().toString(16),
        cert.getNotBefore().toInstant(),
        cert.getNotAfter().toInstant(),
        fingerprint(cert));
  }

  /** The whole validity period. */
  public Duration lifetime() {
    return Duration.between(notBefore, notAfter);
  }

  /** Whole days left at {@code now} (negative once expired). */
  public long daysLeft(Instant now) {
    return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400);
  }

  /** Whether {@code host} matches a SAN (single-label wildcards as in RFC 6125). */
  public boolean matches(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String san : sans) {
      String s = san.toLowerCase(Locale.ROOT);
      if (s.equals(h)) {
        return true;
      }
      if (s.startsWith("*.")) {
        int dot = h.indexOf('.');
        if (dot > 0 && h.substring(dot + 1).equals(s.substring(2))) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> sans(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      var all = cert.getSubjectAlternativeNames();
      if (all != null) {
        for (List<?> san : all) {
          int type = (Integer) san.get(0);
          if (type == 2 || type == 7) {
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // A certificate with an unreadable SAN extension simply reports none.
    }
    return List.copyOf(out);
  }

  private static String commonName(String dn) {
    try {
      for (Rdn rdn : new LdapName(dn).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      // fall through to the raw DN
    }
    return dn;
  }

  private static String fingerprint(X509Certificate cert) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
