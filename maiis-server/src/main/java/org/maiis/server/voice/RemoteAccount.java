package org.maiis.server.voice;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.maiis.config.Secret;

/**
 * A remote provider's API key (a secret reference, resolved on use and never logged) and its
 * reachability for health, probed at most once a minute so health checks do not hammer the API.
 */
final class RemoteAccount {
  private static final Duration PROBE_TTL = Duration.ofMinutes(1);

  /** Checks the key against the API with one cheap call. */
  interface Probe {
    void check(String key) throws SpeechFailure;
  }

  private record Probed(long atNanos, ProviderStatus status) {}

  private final String provider;
  private final Optional<Secret> key;
  private final String keyField;
  private final Function<String, String> env;
  private final AtomicReference<Probed> last = new AtomicReference<>();

  /**
   * @param keyField the configuration key, named in messages
   * @param env resolves the secret reference
   */
  RemoteAccount(
      String provider, Optional<Secret> key, String keyField, Function<String, String> env) {
    this.provider = provider;
    this.key = key;
    this.keyField = keyField;
    this.env = env;
  }

  /** Why no request can go out, or empty when a key is configured and resolves. */
  Optional<String> unavailableReason() {
    if (key.isEmpty()) {
      return Optional.of("no API key configured (server.speech." + keyField + ")");
    }
    try {
      key.get().resolve(env);
      return Optional.empty();
    } catch (IllegalStateException e) {
      // The message names the variable or file, never a value.
      return Optional.of("server.speech." + keyField + ": " + e.getMessage());
    }
  }

  /** The key's value, for one request. */
  String key() throws SpeechFailure {
    Optional<String> why = unavailableReason();
    if (why.isPresent()) {
      throw new SpeechFailure(why.get());
    }
    return key.get().resolve(env);
  }

  /** The provider's state: configured, then (cached for a minute) reachable with this key. */
  ProviderStatus status(Probe probe) {
    Optional<String> why = unavailableReason();
    if (why.isPresent()) {
      return new ProviderStatus(provider, "remote", false, null, false, why.get());
    }
    Probed p = last.get();
    if (p != null && System.nanoTime() - p.atNanos() < PROBE_TTL.toNanos()) {
      return p.status();
    }
    ProviderStatus s;
    try {
      probe.check(key());
      s = new ProviderStatus(provider, "remote", true, true, true, null);
    } catch (SpeechFailure e) {
      s = new ProviderStatus(provider, "remote", true, false, false, e.getMessage());
    }
    last.set(new Probed(System.nanoTime(), s));
    return s;
  }
}
