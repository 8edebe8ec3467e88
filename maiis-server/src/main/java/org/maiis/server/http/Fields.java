package org.maiis.server.http;

import java.util.Optional;
import org.maiis.server.failure.Failure;

/** Checks on request fields that answer 400 {@code invalid_field} naming the field. */
public final class Fields {
  private Fields() {}

  /**
   * The one value of query parameter {@code name}, or null when absent; 400 when it is given more
   * than once ({@code ?limit=1&limit=100}): a proxy or log reading another one than the server
   * would disagree with it, as with a JSON field given twice.
   */
  public static String query(io.javalin.http.Context ctx, String name) {
    return one(name, ctx.queryParams(name));
  }

  /** The one of {@code values} field {@code name} was given, or null; 400 for more than one. */
  public static String one(String name, java.util.List<String> values) {
    if (values.size() > 1) {
      throw Failure.invalid("invalid_field", name + " is given more than once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /** {@code value} stripped; 400 when absent or blank or longer than {@code max}. */
  public static String required(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw Failure.invalid("invalid_field", field + " is required");
    }
    return bounded(field, value.strip(), max);
  }

  /** {@code value} stripped when present; 400 when longer than {@code max}. */
  public static Optional<String> optional(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(bounded(field, value.strip(), max));
  }

  /**
   * Like {@link #required} for free text of several lines (a chat message, text to speak): line
   * breaks are kept, other control characters refused.
   */
  public static String requiredText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw Failure.invalid("invalid_field", field + " is required");
    }
    return bounded(field, value.strip(), max, true);
  }

  /** Like {@link #optional} for free text of several lines. */
  public static Optional<String> optionalText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(bounded(field, value.strip(), max, true));
  }

  private static String bounded(String field, String value, int max) {
    return bounded(field, value, max, false);
  }

  private static String bounded(String field, String value, int max, boolean lines) {
    if (value.length() > max) {
      throw Failure.invalid("invalid_field", field + " is longer than " + max + " characters");
    }
    if (value
        .chars()
        .anyMatch(c -> c < 0x20 && c != '\t' && !(lines && (c == '\n' || c == '\r')))) {
      throw Failure.invalid("invalid_field", field + " contains control characters");
    }
    return value;
  }
}
