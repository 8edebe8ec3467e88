package org.maiis.acme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.maiis.tls.Pem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * Opens acme4j sessions to a CA, trusting the system store or a given PEM bundle (for private CAs
 * and Pebble). TLS verification is never switched off.
 */
public final class CaSessions {
  private CaSessions() {}

  /** A session to {@code directory}; {@code caBundle} (nullable) replaces the system trust. */
  public static Session open(URI directory, Path caBundle, Duration timeout) throws IOException {
    SSLContext ctx = caBundle == null ? null : sslContext(caBundle);
    Session session =
        new Session(
            directory,
            new GenericAcmeProvider() {
              @Override
              public HttpClient createHttpClient(NetworkSettings settings) {
                HttpClient.Builder b =
                    HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(settings.getTimeout())
                        .proxy(settings.getProxySelector());
                if (ctx != null) {
                  b.sslContext(ctx);
                }
                return b.build();
              }
            });
    session.networkSettings().setTimeout(timeout);
    return session;
  }

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
