package org.maiis.acme;

import java.net.URI;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;

/**
 * One line for a failed conversation with a CA. acme4j's own messages ("Network error", "HTTP 500",
 * "Bad JSON") do not say which CA, nor why the network failed, nor when a rate limit ends.
 */
final class CaErrors {
  private CaErrors() {}

  /** {@code e} as one line that names the CA's directory when the CA is what failed. */
  static String describe(Throwable e, URI directory) {
    return describe(e, directory, null);
  }

  /**
   * As {@link #describe(Throwable, URI)}; {@code caBundle} (nullable: the system trust store) is
   * named when the CA's TLS certificate is what failed, since the fix is a different bundle, not
   * the network.
   */
  static String describe(Throwable e, URI directory, java.nio.file.Path caBundle) {
    if (untrusted(e)) {
      return "the TLS certificate of the CA at "
          + directory
          + " is not trusted by "
          + (caBundle == null ? "the system trust store" : caBundle)
          + ". Pass --ca-bundle with the CA's root certificate (tls.acme.ca_bundle), or check"
          + " --server";
    }
    if (e instanceof AcmeRateLimitedException r) {
      return "CA "
          + directory
          + ": rate limited: "
          + ErrorLines.oneLine(e)
          + r.getRetryAfter().map(t -> " (retry after " + t + ")").orElse("");
    }
    if (e instanceof AcmeNetworkException) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      // The HTTP client's connect and timeout exceptions often carry no message of their own.
      String why =
          cause instanceof java.net.http.HttpTimeoutException
                  || cause instanceof java.net.SocketTimeoutException
              ? "no answer in time"
              : cause instanceof java.net.ConnectException
                  ? "connection refused or unreachable"
                  : ErrorLines.oneLine(cause);
      return "cannot reach the CA at " + directory + ": " + why;
    }
    if (e instanceof AcmeException || e instanceof AcmeProtocolException) {
      return "CA " + directory + ": " + ErrorLines.oneLine(e);
    }
    return ErrorLines.oneLine(e);
  }

  /** Whether a certificate path check (PKIX) is somewhere in {@code e}'s causes. */
  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertPathValidatorException
          || t instanceof java.security.cert.CertPathBuilderException
          || t instanceof java.security.cert.CertificateException
              && String.valueOf(t.getMessage()).contains("PKIX")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
