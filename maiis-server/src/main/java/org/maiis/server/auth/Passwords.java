package org.maiis.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.maiis.server.failure.Failure;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Password policy and bcrypt hashing. */
public final class Passwords {
  // bcrypt only reads 72 bytes; longer passwords are refused rather than silently truncated.
  private static final int MAX_BYTES = 72;
  private final BCryptPasswordEncoder bcrypt;
  // A real hash to compare against when the user does not exist, so timing does not reveal it;
  // made in the background, off the server's start (one bcrypt hash was ~0.15 s of it).
  private final CompletableFuture<String> decoy;

  /** Hashing with bcrypt cost {@code strength} (10 is the usual default). */
  public Passwords(int strength) {
    this.bcrypt = new BCryptPasswordEncoder(strength);
    this.decoy = CompletableFuture.supplyAsync(() -> bcrypt.encode("decoy-password-for-timing"));
  }

  /**
   * Checks the policy (8+ characters, at most 72 bytes, upper, lower, digit and special character);
   * 422 {@code weak_password} naming what is missing.
   */
  public void checkPolicy(String field, String password) {
    if (password == null || password.isEmpty()) {
      throw Failure.invalid("invalid_field", field + " is required");
    }
    String missing = null;
    if (password.length() < 8) {
      missing = "at least 8 characters";
    } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      missing = "at most 72 bytes";
    } else if (password.chars().noneMatch(Character::isUpperCase)) {
      missing = "an upper-case letter";
    } else if (password.chars().noneMatch(Character::isLowerCase)) {
      missing = "a lower-case letter";
    } else if (password.chars().noneMatch(Character::isDigit)) {
      missing = "a digit";
    } else if (password.chars().allMatch(Character::isLetterOrDigit)) {
      missing = "a special character";
    }
    if (missing != null) {
      throw Failure.ruleBroken("weak_password", field + " needs " + missing);
    }
  }

  /** The bcrypt hash of {@code password}. */
  public String hash(String password) {
    return bcrypt.encode(password);
  }

  /** Whether {@code password} matches {@code hash}; a null hash burns the same time and fails. */
  public boolean matches(String password, String hash) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      bcrypt.matches("x", decoy.join());
      return false;
    }
    if (hash == null) {
      bcrypt.matches(password, decoy.join());
      return false;
    }
    return bcrypt.matches(password, hash);
  }
}
