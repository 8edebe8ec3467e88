package org.maiis.acme;

import java.time.Instant;
import org.maiis.metrics.CertificateMetrics;

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
 */
public record LineageState(
    Instant lastAttempt,
    Instant lastSuccess,
    String lastResult,
    String lastError,
    Instant ariStart,
    Instant ariEnd,
    Instant renewAt,
    Instant ariNextCheck) {

  /** Nothing known yet. */
  public static final LineageState EMPTY =
      new LineageState(null, null, null, null, null, null, null, null);

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
        ariNextCheck);
  }

  /**
   * With the CA's renewal window (null when it has none), the time picked in it, and when to ask
   * again.
   */
  public LineageState withWindow(Instant start, Instant end, Instant at, Instant nextCheck) {
    return new LineageState(
        lastAttempt, lastSuccess, lastResult, lastError, start, end, at, nextCheck);
  }

  /** A fresh state after a successful issuance at {@code now}. */
  public static LineageState issued(Instant now) {
    return new LineageState(
        now, now, CertificateMetrics.RESULT_RENEWED, null, null, null, null, null);
  }
}
