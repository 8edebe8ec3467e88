package org.maiis.acme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.maiis.tls.TrustBundles;
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
    return open(directory, caBundle, timeout, null);
  }

  /**
   * As {@link #open(URI, Path, Duration)}; a 429 or 503 with Retry-After closes {@code gate}
   * (nullable: none) until then.
   */
  static Session open(URI directory, Path caBundle, Duration timeout, Pacing gated)
      throws IOException {
    SSLContext ctx = caBundle == null ? null : TrustBundles.sslContext(caBundle);
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
                return gated == null ? b.build() : new GatedHttpClient(b.build(), gated);
              }
            });
    session.networkSettings().setTimeout(timeout);
    return session;
  }
}
