package org.maiis.acme;

import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;

/** Self-signed versions put straight into a store, for tests of what reads the store. */
final class StoreVersions {
  private StoreVersions() {}

  /**
   * Installs a certificate for {@code name}.test with a new EC P-256 key, valid from {@code
   * notBefore} to {@code notAfter}, as the next version of lineage {@code name}.
   */
  static X509Certificate install(
      CertificateStore store, String name, Instant notBefore, Instant notAfter) throws IOException {
    KeyPair key = KeyPairs.generate(KeyType.EC256);
    X509Certificate cert =
        Certificates.selfSigned(key, List.of(name + ".test"), notBefore, notAfter);
    store.install(name, key, List.of(cert));
    return cert;
  }
}
