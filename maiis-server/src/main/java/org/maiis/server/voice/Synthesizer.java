package org.maiis.server.voice;

/** A text-to-speech provider. */
public interface Synthesizer extends SpeechProvider {
  /**
   * Speaks {@code text}.
   *
   * @param voice voice name, already validated
   * @param speed 0.5 (half) to 2 (double) of the normal rate
   * @return the speech as mono PCM WAV
   */
  Wav synthesize(String text, String voice, double speed) throws SpeechFailure;
}
