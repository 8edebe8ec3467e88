package org.maiis.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The client's address for throttling. Behind the nginx front every connection comes from the
 * proxy, so the proxy's {@code X-Real-IP} is used, but only when the direct peer is a trusted
 * proxy: anyone else could forge the header to dodge per-address limits.
 */
public final class ClientAddress {
  private static final Pattern LITERAL =
      Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}|\\[?[0-9a-fA-F:.]{2,45}\\]?");
  private final Set<InetAddress> trusted;

  /** Trusts {@code proxies} (IP literals). */
  public ClientAddress(List<String> proxies) {
    this.trusted =
        proxies.stream()
            .map(ClientAddress::parse)
            .flatMap(Optional::stream)
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The client behind {@code remote}, given the request's {@code X-Real-IP} header. */
  public String of(String remote, String realIp) {
    Optional<InetAddress> peer = parse(remote);
    if (realIp != null && peer.isPresent() && trusted.contains(peer.get())) {
      Optional<InetAddress> client = parse(realIp.strip());
      if (client.isPresent()) {
        return client.get().getHostAddress();
      }
    }
    return peer.map(InetAddress::getHostAddress).orElse(remote);
  }

  private static Optional<InetAddress> parse(String literal) {
    if (literal == null || !LITERAL.matcher(literal).matches()) {
      return Optional.empty();
    }
    try {
      // A literal only (checked above), so this never resolves a name.
      return Optional.of(InetAddress.getByName(literal.replace("[", "").replace("]", "")));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
