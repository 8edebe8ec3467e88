package org.maiis.server.voice;

import java.util.Optional;

/** A speech-to-text provider. */
public interface Transcriber {
  /** The provider's name in configuration, metrics and health. */
  String name();

  /** Why this provider cannot serve at all (not installed, no key), or empty when it can. */
  Optional<String> unavailableReason();

  /** Its state for health: a local provider's {@link #unavailableReason()}; remote ones probe. */
  default ProviderStatus status() {
    return ProviderStatus.local(name(), unavailableReason());
  }

  /** Whether it has a model for {@code language} (a lower-case tag such as en or en-us). */
  boolean supports(String language);

  /**
   * Whether it takes an MP3 file as it is; otherwise it asks for the {@link Recording#pcm()
   * samples}, which lame decodes.
   */
  default boolean takesMp3() {
    return false;
  }

  /** The words spoken in {@code audio}, empty when it heard none. */
  String transcribe(Recording audio, String language) throws SpeechFailure;
}
