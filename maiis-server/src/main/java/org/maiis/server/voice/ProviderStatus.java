package org.maiis.server.voice;

import java.util.Optional;

/**
 * Whether one configured provider can serve, as /api/voice/health reports it.
 *
 * @param provider name in configuration
 * @param kind {@code local} (a program on this host) or {@code remote} (an HTTP API)
 * @param configured whether it has what it needs to be tried (a program, an API key)
 * @param reachable for a remote provider with a key: whether its API answered and accepted the key;
 *     null for local providers and unconfigured remote ones (not asked)
 * @param available whether requests may go to it
 * @param reason why not, or null when available
 */
public record ProviderStatus(
    String provider,
    String kind,
    boolean configured,
    Boolean reachable,
    boolean available,
    String reason) {

  /** A local provider: available unless {@code why} says otherwise. */
  static ProviderStatus local(String provider, Optional<String> why) {
    return new ProviderStatus(
        provider, "local", why.isEmpty(), null, why.isEmpty(), why.orElse(null));
  }
}
