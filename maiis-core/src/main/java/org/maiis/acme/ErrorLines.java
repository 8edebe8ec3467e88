package org.maiis.acme;

import java.util.regex.Pattern;

/** Failures as the one line a user reads: the first line of the message, no class names. */
final class ErrorLines {
  private ErrorLines() {}

  private static final Pattern CLASS_NAME =
      Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?:: ?)?");

  /** The first line of {@code e}'s message (its simple class name when it has none). */
  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return withoutClassNames(m.lines().findFirst().orElse(m));
  }

  /**
   * {@code message} without the JDK's "sun.security.x.YException: " prefixes, which mean nothing to
   * a user and leak through wrapped causes.
   */
  static String withoutClassNames(String message) {
    String m = CLASS_NAME.matcher(message).replaceAll("").strip();
    return m.isEmpty() ? message : m;
  }
}
