package org.maiis.server.http;

import java.util.Base64;
import java.util.regex.Pattern;
import org.maiis.server.failure.Failure;

/** Decodes a base64 request field strictly: line breaks and spaces are allowed, nothing else. */
public final class Base64Field {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Base64Field() {}

  /**
   * {@code value} decoded. A MIME decoder would silently skip every character outside the alphabet,
   * turning garbage into a few random bytes (or none) and a misleading error later.
   *
   * @throws Failure 400 {@code invalid_field} naming {@code field} when it is not base64
   */
  public static byte[] decode(String field, String value) {
    try {
      return Base64.getDecoder().decode(WHITESPACE.matcher(value).replaceAll(""));
    } catch (IllegalArgumentException e) {
      throw Failure.invalid("invalid_field", field + " is not valid base64");
    }
  }
}
