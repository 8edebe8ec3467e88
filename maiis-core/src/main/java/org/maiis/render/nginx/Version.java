package org.maiis.render.nginx;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted version (nginx 1.25.1, OpenSSL 3.5) compared numerically; missing parts count as 0.
 *
 * @param major first number
 * @param minor second number
 * @param patch third number
 */
public record Version(int major, int minor, int patch) implements Comparable<Version> {
  private static final Pattern DOTTED =
      Pattern.compile("(\\d{1,4})(?:\\.(\\d{1,4}))?(?:\\.(\\d{1,4}))?.*");

  /** nginx accepts {@code http2 on;} (and needs it instead of {@code listen ... http2}). */
  public static final Version NGINX_HTTP2_DIRECTIVE = new Version(1, 25, 1);

  /** nginx rotates session ticket keys itself; before this, tickets weaken forward secrecy. */
  public static final Version NGINX_TICKET_KEY_ROTATION = new Version(1, 23, 2);

  /** OpenSSL knows the X25519MLKEM768 hybrid post-quantum key exchange. */
  public static final Version OPENSSL_MLKEM = new Version(3, 5, 0);

  /**
   * Parses the leading {@code N[.N[.N]]} of {@code text} ({@code 3.0.22 25 Aug 2026} reads as
   * 3.0.22).
   *
   * @throws IllegalArgumentException when {@code text} does not start with a number
   */
  public static Version parse(String text) {
    Matcher m = DOTTED.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a version: " + text);
    }
    return new Version(part(m.group(1)), part(m.group(2)), part(m.group(3)));
  }

  private static int part(String s) {
    return s == null ? 0 : Integer.parseInt(s);
  }

  /** Whether this version is {@code other} or newer. */
  public boolean atLeast(Version other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(Version o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
