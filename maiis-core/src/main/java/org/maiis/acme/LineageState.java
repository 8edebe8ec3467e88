package org.maiis.acme;

import java.time.Instant;
import org.maiis.metrics.CertificateMetrics;
import org.maiis.tls.CertificateInfo;

/**
 * What the last runs left for a lineage ({@code state/NAME.json}): shown by status and exported as
 * metrics.
 *
 * @param lastAttempt when a renewal was last attempted, or null
 * @param lastSuccess when one last succeeded, or null
 * @param lastResult ok, failed or not_due, or null before the first run
 * @param lastError one line describing the last failure, or null
 * @param ariStart start of the CA's suggested renewal window, or null
 * @param ariEnd end of the window, or null
 * @param renewAt the time picked inside the window, kept so runs agree on it, or null
 * @param ariNextCheck when the CA may be asked for renewal information again (its Retry-After), or
 *     null to ask on the next run
 * @param revokedSerial the serial (hex) of the certificate {@code ssl revoke} last revoked, or null
 * @param revokedAt when it was revoked, or null
 */
public record LineageState(
    Instant lastAttempt,
    Instant lastSuccess,
    String lastResult,
    String lastError,
    Instant ariStart,
    Instant ariEnd,
    Instant renewAt,
    Instant ariNextCheck,
    String revokedSerial,
    Instant revokedAt) {

  /** Nothing known yet. */
  public static final LineageState EMPTY =
      new LineageState(null, null, null, null, null, null, null, null, null, null);

  /** After an attempt at {@code now} with {@code result}. */
  public LineageState attempted(Instant now, String result, String error) {
    return new LineageState(
        now,
        CertificateMetrics.RESULT_RENEWED.equals(result) ? now : lastSuccess,
        result,
        error,
        ariStart,
        ariEnd,
        renewAt,
        ariNextCheck,
        revokedSerial,
        revokedAt);
  }

  /**
   * With the CA's renewal window (null when it has none), the time picked in it, and when to ask
   * again.
   */
  public LineageState withWindow(Instant start, Instant end, Instant at, Instant nextCheck) {
    return new LineageState(
        lastAttempt,
        lastSuccess,
        lastResult,
        lastError,
        start,
        end,
        at,
        nextCheck,
        revokedSerial,
        revokedAt);
  }

  /** After {@code ssl revoke} revoked the certificate with {@code serial} at {@code now}. */
  public LineageState revoked(String serial, Instant now) {
    return new LineageState(
        lastAttempt,
        lastSuccess,
        lastResult,
        lastError,
        ariStart,
        ariEnd,
        renewAt,
        ariNextCheck,
        serial,
        now);
  }

  /** Whether {@code cert} is the certificate {@code ssl revoke} revoked. */
  public boolean revokes(CertificateInfo cert) {
    return revokedSerial != null && revokedSerial.equalsIgnoreCase(cert.serial());
  }

  /** A fresh state after a successful issuance at {@code now}. */
  public static LineageState issued(Instant now) {
    return new LineageState(
        now, now, CertificateMetrics.RESULT_RENEWED, null, null, null, null, null, null, null);
  }
}
