package org.maiis.tls;

import java.util.Optional;

/**
 * A {@code HOST:PORT} endpoint; an IPv6 host may be bracketed ({@code [::1]:443}).
 *
 * @param host the host without brackets
 * @param port the port
 */
public record HostPort(String host, int port) {

  /**
   * Splits {@code text} at its last colon.
   *
   * @return empty when there is no colon after a non-empty host
   * @throws NumberFormatException when the part after the colon is not a number
   */
  public static Optional<HostPort> parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String host = text.substring(0, colon).replaceAll("^\\[|\\]$", "");
    return Optional.of(new HostPort(host, Integer.parseInt(text.substring(colon + 1))));
  }
}
