package org.maiis.server.voice;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.Optional;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.MaiisMetrics;
import org.maiis.testing.Counters;

/** A fresh registry with the voice metrics on it, for a test to hand out and read back. */
final class VoiceCounters {
  final PrometheusRegistry registry = new PrometheusRegistry();
  final VoiceMetrics metrics =
      VoiceMetrics.from(
          Optional.of(
              MaiisMetrics.register(registry, new BuildInfo("0.1.0", "test"), Path.of("."))));

  /** The sum of counter {@code name} over the series whose {@code label} is {@code value}. */
  double counter(String name, String label, String value) {
    return Counters.sum(registry, name, label, value);
  }
}
