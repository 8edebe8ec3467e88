package org.maiis.server.auth;

import java.util.Locale;

/** What a user may do. */
public enum Role {
  ADMIN,
  MANAGER,
  USER;

  /** The lower-case word stored and shown. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored word. */
  public static Role of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
