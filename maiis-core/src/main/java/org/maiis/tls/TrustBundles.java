package org.maiis.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client TLS that trusts a PEM bundle instead of the system store: a private CA, Pebble, a
 * self-signed development certificate. Verification is narrowed, never switched off.
 */
public final class TrustBundles {
  private TrustBundles() {}

  /** An SSL context trusting exactly the certificates in {@code bundle}. */
  public static SSLContext sslContext(Path bundle) throws IOException {
    List<X509Certificate> certs = Pem.readCertificates(bundle);
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      for (int i = 0; i < certs.size(); i++) {
        ks.setCertificateEntry("ca" + i, certs.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(bundle + ": cannot build a trust store (" + e.getMessage() + ")", e);
    }
  }
}
