package org.maiis.server.voice;

/** A speech-to-text provider. */
public interface Transcriber extends SpeechProvider {
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
