package org.maiis.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.maiis.tls.CertificateInfo;

/**
 * What a CA's certificate must be before it replaces the live one: for every name asked, valid now,
 * and a chain each of whose certificates was signed by the next. A CA bug (or a test CA behind
 * --server) that answers otherwise would put a certificate in front of the site that browsers
 * refuse; the order fails instead and the previous certificate stays live.
 */
final class IssuedChainCheck {
  private IssuedChainCheck() {}

  /**
   * @param names the names ordered (DNS names, wildcards, IP addresses)
   * @throws IOException saying what is wrong with the chain, in one line
   */
  static void check(List<String> names, List<X509Certificate> chain) throws IOException {
    if (chain.isEmpty()) {
      throw new IOException("the CA sent no certificate");
    }
    X509Certificate leaf = chain.get(0);
    List<String> sans =
        CertificateInfo.of(leaf).sans().stream().map(IssuedChainCheck::canonical).toList();
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      if (!sans.contains(canonical(n))) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          "the CA's certificate does not name "
              + String.join(", ", missing)
              + " (it names "
              + (sans.isEmpty() ? "nothing" : String.join(", ", sans))
              + ")");
    }
    for (int i = 0; i + 1 < chain.size(); i++) {
      if (!signedBy(chain.get(i), chain.get(i + 1))) {
        throw new IOException(
            "the CA's chain is broken: certificate "
                + (i + 2)
                + " of "
                + chain.size()
                + " did not sign certificate "
                + (i + 1));
      }
    }
  }

  private static boolean signedBy(X509Certificate issued, X509Certificate issuer) {
    if (!issued.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      issued.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  // DNS names compare without case; IP addresses by value (IPv6 has many spellings).
  private static String canonical(String name) {
    if (name.contains(":") || name.matches("[0-9.]+")) {
      try {
        return InetAddress.getByName(name).getHostAddress();
      } catch (java.net.UnknownHostException e) {
        return name;
      }
    }
    return name.toLowerCase(Locale.ROOT);
  }
}
