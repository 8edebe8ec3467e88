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
   * @return empty when there is no colon after a non-empty host, or the part after it is not a port
   *     number (1..65535)
   */
  public static Optional<HostPort> parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String host = text.substring(0, colon).replaceAll("^\\[|\\]$", "");
    String port = text.substring(colon + 1);
    if (host.isEmpty() || !port.matches("[0-9]{1,5}")) {
      return Optional.empty();
    }
    int p = Integer.parseInt(port);
    return p < 1 || p > 65535 ? Optional.empty() : Optional.of(new HostPort(host, p));
  }
}
