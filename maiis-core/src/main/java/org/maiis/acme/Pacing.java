package org.maiis.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;

/**
 * How often and how long maiis talks to a CA: polls that honour Retry-After and otherwise start
 * fast (Pebble and Boulder often finish in milliseconds, acme4j's default waits 3 s), and bounded
 * retries with exponential backoff for network errors and short rate limits. A run never hammers
 * the CA: at most {@code attempts} tries, and a Retry-After beyond {@code maxWait} fails the run.
 *
 * @param clock the time source
 * @param sleeper how to wait (tests pass one that records instead of sleeping)
 * @param attempts tries per operation, at least 1
 * @param firstBackoff the wait after the first network failure (doubled each time)
 * @param maxWait the longest single wait; longer Retry-After values fail instead
 * @param pollTimeout how long a challenge or order may stay pending
 * @param gate shared by every request of one run to one CA, so a Retry-After holds them all back
 */
public record Pacing(
    Clock clock,
    Sleeper sleeper,
    int attempts,
    Duration firstBackoff,
    Duration maxWait,
    Duration pollTimeout,
    CaGate gate) {

  /** Pacing with a gate of its own. */
  public Pacing(
      Clock clock,
      Sleeper sleeper,
      int attempts,
      Duration firstBackoff,
      Duration maxWait,
      Duration pollTimeout) {
    this(clock, sleeper, attempts, firstBackoff, maxWait, pollTimeout, new CaGate());
  }

  /** The same pacing with a gate of its own (one per CA and run). */
  public Pacing withNewGate() {
    return new Pacing(clock, sleeper, attempts, firstBackoff, maxWait, pollTimeout);
  }

  private static final String BAD_NONCE = "urn:ietf:params:acme:error:badNonce";

  /** Waits; {@link #REAL} uses Thread.sleep. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits for {@code d}. */
    void sleep(Duration d) throws InterruptedException;

    /** Thread.sleep. */
    Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));
  }

  /** Defaults for the command line: 3 tries, 2 s first backoff, waits up to 2 minutes. */
  public static Pacing standard(Clock clock) {
    return new Pacing(
        clock,
        Sleeper.REAL,
        3,
        Duration.ofSeconds(2),
        Duration.ofMinutes(2),
        Duration.ofMinutes(3));
  }

  /** An operation that talks to the CA. */
  @FunctionalInterface
  public interface CaCall<T> {
    /** Runs it once. */
    T call() throws AcmeException, java.io.IOException;
  }

  /**
   * Runs {@code call}, retrying network errors and short rate limits. A rate limit also pauses the
   * gate, so the other requests to the same CA wait for its Retry-After too.
   */
  public <T> T retry(CaCall<T> call) throws AcmeException, java.io.IOException {
    Duration backoff = firstBackoff;
    Instant waitedFor = null;
    for (int attempt = 1; ; attempt++) {
      waitedFor = awaitGate(waitedFor);
      try {
        return call.call();
      } catch (AcmeRateLimitedException e) {
        Instant now = clock.instant();
        gate.pause(e.getRetryAfter().orElse(now.plus(backoff)));
        // The later of this answer's Retry-After and the gate's (the HTTP client may have read
        // the same header against another clock): one wait covers both.
        Instant until = gate.pausedUntil();
        Duration wait = Duration.between(now, until);
        if (attempt >= attempts || wait.compareTo(maxWait) > 0) {
          throw e;
        }
        pause(wait.isNegative() ? Duration.ZERO : wait);
        waitedFor = until;
      } catch (AcmeNetworkException e) {
        if (attempt >= attempts) {
          throw e;
        }
        pause(backoff);
      } catch (org.shredzone.acme4j.exception.AcmeServerException e) {
        // acme4j already retried badNonce ten times; a few more spaced-out tries, then give up.
        if (!BAD_NONCE.equals(e.getType().toString()) || attempt >= attempts) {
          if (attempt >= attempts || !toldToWait(waitedFor)) {
            throw e;
          }
        } else {
          pause(backoff);
        }
      } catch (AcmeException e) {
        // A 503 reaches us as a plain "HTTP 503"; its Retry-After went to the gate: wait, retry.
        if (attempt >= attempts || !toldToWait(waitedFor)) {
          throw e;
        }
      }
      backoff = backoff.multipliedBy(2);
    }
  }

  /**
   * Polls {@code resource} until its status is one of {@code done}, following Retry-After when the
   * server sends one and a quick 50 ms doubling to 1 s otherwise.
   */
  public Status poll(PollableResource resource, Set<Status> done)
      throws AcmeException, java.io.IOException {
    Instant deadline = clock.instant().plus(pollTimeout);
    Duration pause = Duration.ofMillis(50);
    while (true) {
      Optional<Instant> after = retry(resource::fetch);
      Status s = resource.getStatus();
      if (done.contains(s)) {
        return s;
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new java.io.IOException("still " + s.name().toLowerCase() + " after " + pollTimeout);
      }
      Duration wait = after.map(t -> Duration.between(now, t)).orElse(pause);
      if (wait.compareTo(Duration.ofSeconds(10)) > 0) {
        wait = Duration.ofSeconds(10);
      }
      pause(wait.isNegative() ? Duration.ZERO : wait);
      pause =
          pause.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0
              ? Duration.ofSeconds(1)
              : pause.multipliedBy(2);
    }
  }

  /**
   * Whether the CA asked (429 or 503 with Retry-After, seen by the HTTP client) to wait beyond the
   * pause this caller already waited for: then the failed request is worth one more try after it.
   */
  private boolean toldToWait(Instant waitedFor) {
    Instant until = gate.pausedUntil();
    return until != null && !until.equals(waitedFor);
  }

  /**
   * Waits while another request's Retry-After holds the gate (once per pause: {@code waitedFor} is
   * the pause this caller already waited for), and fails at once when that is beyond {@code
   * maxWait}.
   *
   * @return the pause waited for, to pass to the next call
   */
  private Instant awaitGate(Instant waitedFor) throws java.io.IOException {
    Instant until = gate.pausedUntil();
    if (until == null || until.equals(waitedFor)) {
      return waitedFor;
    }
    Duration wait = Duration.between(clock.instant(), until);
    if (wait.compareTo(maxWait) > 0) {
      throw new CaGate.PausedException(until);
    }
    if (!wait.isNegative() && !wait.isZero()) {
      pause(wait);
    }
    return until;
  }

  private void pause(Duration d) throws java.io.IOException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }
}
