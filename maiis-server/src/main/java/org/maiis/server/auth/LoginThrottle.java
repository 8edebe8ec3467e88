package org.maiis.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.maiis.server.cache.SharedState;
import org.maiis.server.http.ApiException;

/**
 * Failed-login counters per account and per client address. Past the limit, login answers 429
 * before the password is even checked, so guessing is throttled even with the right password.
 */
public final class LoginThrottle {
  private final SharedState state;
  private final int perAccount;
  private final int perAddress;
  private final Duration window;

  /** {@code perAccount} failures per window per account, four times that per address. */
  public LoginThrottle(SharedState state, int perAccount, Duration window) {
    this.state = state;
    this.perAccount = perAccount;
    this.perAddress = perAccount * 4;
    this.window = window;
  }

  /** 429 when {@code email} or {@code address} has used up its failures. */
  public void check(String email, String address) {
    refuseIfOver(accountKey(email), perAccount);
    refuseIfOver(addressKey(address), perAddress);
  }

  /** Counts a failed attempt. */
  public void failed(String email, String address) {
    state.increment(accountKey(email), window);
    state.increment(addressKey(address), window);
  }

  /** Clears the account's failures after a successful login. */
  public void succeeded(String email) {
    state.delete(accountKey(email));
  }

  private void refuseIfOver(String key, int limit) {
    long count = state.get(key).map(Long::parseLong).orElse(0L);
    if (count >= limit) {
      Duration wait = state.timeToLive(key).orElse(window);
      throw ApiException.tooManyRequests("too many failed logins; try again later", wait);
    }
  }

  // Keys hold hashes, not e-mail addresses: the store never sees personal data in clear.
  private static String accountKey(String email) {
    return "loginfail:acct:" + sha256(email);
  }

  private static String addressKey(String address) {
    return "loginfail:ip:" + sha256(address);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
