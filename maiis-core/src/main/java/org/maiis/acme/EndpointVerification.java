package org.maiis.acme;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.maiis.tls.CertificateInfo;
import org.maiis.tls.HostPort;
import org.maiis.tls.Pem;
import org.maiis.tls.TlsProbe;

/**
 * What a TLS endpoint serves, judged against the local lineages.
 *
 * @param served what the endpoint served
 * @param serverName the SNI name sent and the name the certificate must match
 * @param leaf the served leaf certificate
 * @param checkedAt the time expiry is judged at
 * @param nameMatches whether the leaf is valid for {@code serverName}
 * @param local how the served certificate relates to the local lineage for {@code serverName}
 */
public record EndpointVerification(
    TlsProbe.Served served,
    String serverName,
    CertificateInfo leaf,
    Instant checkedAt,
    boolean nameMatches,
    Local local) {

  /** How long connecting and the handshake may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** The served certificate compared with the live one of the local lineage. */
  public enum Local {
    /** The live version is served. */
    NEWEST,
    /** A different, not-live version is served. */
    OLDER,
    /** No local lineage has a certificate for the name. */
    NONE;

    /** The lower-case word shown to users. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Connects to {@code endpoint} and records what it serves.
   *
   * @param caBundle PEM certificates to trust instead of the system store, or null
   * @throws IOException when the bundle cannot be read or the handshake fails, with a message
   *     saying so in terms of the endpoint (not a TLS endpoint, no answer in time)
   */
  public static TlsProbe.Served probe(HostPort endpoint, String serverName, Path caBundle)
      throws IOException {
    var trust =
        TlsProbe.trust(caBundle == null ? null : TlsProbe.anchors(Pem.readCertificates(caBundle)));
    try {
      return TlsProbe.probe(endpoint.host(), endpoint.port(), serverName, trust, TIMEOUT);
    } catch (javax.net.ssl.SSLException e) {
      String m = String.valueOf(e.getMessage());
      throw m.contains("Unsupported or unrecognized SSL")
          ? new IOException("not a TLS endpoint (" + m + ")", e)
          : e;
    } catch (java.net.SocketTimeoutException e) {
      throw new IOException("no answer within " + TIMEOUT.toSeconds() + " s", e);
    }
  }

  /**
   * Judges {@code served} against the lineages of {@code store}.
   *
   * @throws IOException when the store cannot be read
   */
  public static EndpointVerification judge(
      TlsProbe.Served served, String serverName, CertificateStore store, Instant now)
      throws IOException {
    CertificateInfo leaf = CertificateInfo.of(served.chain().get(0));
    boolean match = leaf.matches(serverName);
    return new EndpointVerification(
        served, serverName, leaf, now, match, local(store, serverName, leaf));
  }

  /** Whether the chain is trusted. */
  public boolean chainValid() {
    return served.chainError() == null;
  }

  /** Whole days until the leaf expires, at {@code checkedAt}. */
  public long daysLeft() {
    return leaf.daysLeft(checkedAt);
  }

  /** Trusted, matching, not expired and not an older version of the local lineage. */
  public boolean ok() {
    return chainValid()
        && nameMatches
        && checkedAt.isBefore(leaf.notAfter())
        && local != Local.OLDER;
  }

  private static Local local(CertificateStore store, String name, CertificateInfo served)
      throws IOException {
    for (String lineage : store.lineages()) {
      java.util.Optional<java.util.List<java.security.cert.X509Certificate>> chain;
      try {
        chain = store.currentChain(lineage);
      } catch (IOException e) {
        continue; // a damaged lineage is status's to report; it cannot be the one served
      }
      if (chain.isEmpty()) {
        continue;
      }
      CertificateInfo live = CertificateInfo.of(chain.get().get(0));
      if (live.matches(name)) {
        return live.sha256().equals(served.sha256()) ? Local.NEWEST : Local.OLDER;
      }
    }
    return Local.NONE;
  }
}
