package org.maiis.server.voice;

import java.util.Optional;

/** A text-to-speech provider. */
public interface Synthesizer {
  /** The provider's name in configuration, metrics and health. */
  String name();

  /** Why this provider cannot serve at all (not installed, no key), or empty when it can. */
  Optional<String> unavailableReason();

  /** Its state for health: a local provider's {@link #unavailableReason()}; remote ones probe. */
  default ProviderStatus status() {
    return ProviderStatus.local(name(), unavailableReason());
  }

  /**
   * Speaks {@code text}.
   *
   * @param voice voice name, already validated
   * @param speed 0.5 (half) to 2 (double) of the normal rate
   * @return the speech as mono PCM WAV
   */
  Wav synthesize(String text, String voice, double speed) throws SpeechFailure;
}
