package org.maiis.server.auth;

import java.time.Duration;
import org.maiis.server.cache.SharedState;
import org.maiis.server.cache.StateKeys;
import org.maiis.server.failure.Failure;

/**
 * Login-attempt counters per account and per client address. Each attempt takes one from both
 * budgets before the password is checked, in one atomic step of the shared state, so 60 parallel
 * guesses get exactly the limit checked and the rest 429. A successful login gives the attempt back
 * (and clears the account's count). Past the limit, login answers 429 even with the right password.
 *
 * @param state where the attempts are counted
 * @param perAccount failures per window per account; an address gets four times that
 * @param window how long a count lasts
 */
public record LoginThrottle(SharedState state, int perAccount, Duration window) {
  /**
   * Counts an attempt for {@code email} and {@code address}; 429 when either has used up its
   * budget. Call before checking the password.
   */
  public void attempt(String email, String address) {
    take(accountKey(email), perAccount);
    take(addressKey(address), perAccount * 4);
  }

  /** Gives back the attempt of a successful login and clears the account's count. */
  public void succeeded(String email, String address) {
    state.delete(accountKey(email));
    state.decrement(addressKey(address));
  }

  private void take(String key, int limit) {
    if (state.increment(key, window) > limit) {
      Duration wait = state.timeToLive(key).orElse(window);
      throw Failure.throttled("too many failed logins; try again later", wait);
    }
  }

  // Keys hold hashes, not e-mail addresses: the store never sees personal data in clear.
  private static String accountKey(String email) {
    return "loginfail:acct:" + StateKeys.hashed(email);
  }

  private static String addressKey(String address) {
    return "loginfail:ip:" + StateKeys.hashed(address);
  }
}
