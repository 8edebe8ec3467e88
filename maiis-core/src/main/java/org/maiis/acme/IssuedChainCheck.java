package org.maiis.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

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
    List<String> sans = subjectAltNames(leaf);
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
      X509Certificate issued = chain.get(i);
      X509Certificate issuer = chain.get(i + 1);
      boolean linked = issued.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
      if (linked) {
        try {
          issued.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
          linked = false;
        }
      }
      if (!linked) {
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

  private static List<String> subjectAltNames(X509Certificate c) throws IOException {
    Collection<List<?>> all;
    try {
      all = c.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new IOException("the CA's certificate has unreadable names: " + e.getMessage(), e);
    }
    List<String> out = new ArrayList<>();
    if (all != null) {
      for (List<?> san : all) {
        int type = (Integer) san.get(0);
        if (type == 2 || type == 7) { // dNSName, iPAddress
          out.add(canonical(String.valueOf(san.get(1))));
        }
      }
    }
    return out;
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
