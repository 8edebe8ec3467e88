package org.maiis.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Connects to a TLS endpoint and reports what it serves. The chain is checked against the given
 * trust store but a failure is reported, not thrown, so an invalid chain can be described.
 */
public final class TlsProbe {
  private TlsProbe() {}

  /**
   * What an endpoint served.
   *
   * @param protocol the negotiated protocol (TLSv1.3, ...)
   * @param cipherSuite the negotiated suite
   * @param chain the served chain, leaf first
   * @param chainError why the chain is not trusted, or null when it is
   */
  public record Served(
      String protocol, String cipherSuite, List<X509Certificate> chain, String chainError) {}

  /**
   * Probes {@code host:port} sending {@code serverName} as SNI.
   *
   * @param trust the trust manager to check the chain with (see {@link #trust})
   */
  public static Served probe(
      String host, int port, String serverName, X509TrustManager trust, Duration timeout)
      throws IOException {
    Recorder rec = new Recorder(trust);
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {rec}, null);
      try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
        s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        s.setSoTimeout((int) timeout.toMillis());
        SSLParameters p = s.getSSLParameters();
        if (!Certificates.isIp(serverName)) {
          p.setServerNames(List.of(new SNIHostName(serverName)));
        }
        s.setSSLParameters(p);
        s.startHandshake();
        return new Served(
            s.getSession().getProtocol(), s.getSession().getCipherSuite(), rec.chain, rec.error);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** The trust manager of {@code store}, or of the system trust store when null. */
  public static X509TrustManager trust(KeyStore store) throws IOException {
    try {
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init(store);
      for (var tm : f.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IOException("no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** A key store holding the certificates of a PEM bundle as trust anchors. */
  public static KeyStore anchors(List<X509Certificate> certs) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      for (int i = 0; i < certs.size(); i++) {
        ks.setCertificateEntry("ca" + i, certs.get(i));
      }
      return ks;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** Records the chain and the verdict of the real trust manager instead of aborting. */
  private static final class Recorder implements X509TrustManager {
    private final X509TrustManager real;
    List<X509Certificate> chain = List.of();
    String error;

    Recorder(X509TrustManager real) {
      this.real = real;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType) {
      chain = List.of(c);
      try {
        real.checkServerTrusted(c, authType);
      } catch (CertificateException e) {
        error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return real.getAcceptedIssuers();
    }
  }
}
