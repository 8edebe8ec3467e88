package org.maiis.acme;

import java.io.IOException;
import java.time.Instant;

/**
 * Holds back every request of one run to one CA after the CA answered one of them with a rate limit
 * and its Retry-After: the other lineages of that CA wait (or fail at once, when the wait is longer
 * than the run may wait) instead of meeting the same limit; other CAs are not held back.
 */
public final class CaGate {
  private Instant pausedUntil;

  /** Thrown instead of a request when the CA asked this run to wait longer than it may. */
  public static final class PausedException extends IOException {
    private static final long serialVersionUID = 1L;

    PausedException(Instant until) {
      super(
          "rate limited: the CA asked to wait until "
              + until
              + " (Retry-After of an earlier request in this run), so nothing was sent");
    }
  }

  /** Holds requests back until {@code until} (a later pause than one already set wins). */
  public synchronized void pause(Instant until) {
    if (pausedUntil == null || until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
  }

  /** Until when requests are held back, or null when they never were. */
  public synchronized Instant pausedUntil() {
    return pausedUntil;
  }
}
