package org.maiis.server.voice;

import java.time.Duration;
import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/** What speech records. The methods do nothing by default, so {@link #NONE} records nothing. */
public interface VoiceMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  VoiceMetrics NONE = new VoiceMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static VoiceMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<VoiceMetrics>map(
            m ->
                new VoiceMetrics() {
                  @Override
                  public void speechRequest(
                      String provider, String operation, boolean succeeded, Duration took) {
                    m.speechRequest(provider, operation, succeeded, took);
                  }

                  @Override
                  public void speechFallback(String primary, String fallback) {
                    m.speechFallback(primary, fallback);
                  }

                  @Override
                  public void speechAudio(String operation, Duration audioLength) {
                    m.speechAudio(operation, audioLength);
                  }

                  @Override
                  public void externalApi(
                      String provider, String endpoint, boolean succeeded, Duration took) {
                    m.externalApi(provider, endpoint, succeeded, took);
                  }
                })
        .orElse(NONE);
  }

  /** A call to a speech provider (operation stt or tts), its outcome and latency. */
  default void speechRequest(String provider, String operation, boolean succeeded, Duration took) {}

  /** The speech chain moved on from {@code primary} to {@code fallback}. */
  default void speechFallback(String primary, String fallback) {}

  /** The length of the audio a stt/tts operation handled. */
  default void speechAudio(String operation, Duration audioLength) {}

  /** A call to an external API: provider, endpoint name (never a URL), outcome, latency. */
  default void externalApi(String provider, String endpoint, boolean succeeded, Duration took) {}
}
