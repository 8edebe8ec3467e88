package org.maiis.server.voice;

import java.util.Optional;

/** What every speech provider, local or remote, tells about itself. */
public interface SpeechProvider {
  /** The provider's name in configuration, metrics and health. */
  String name();

  /** Why this provider cannot serve at all (not installed, no key), or empty when it can. */
  Optional<String> unavailableReason();

  /** Its state for health: a local provider's {@link #unavailableReason()}; remote ones probe. */
  default ProviderStatus status() {
    return ProviderStatus.local(name(), unavailableReason());
  }
}
