package org.maiis.testing;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Counter values read back from a registry, as a test asserts them. */
public final class Counters {
  private Counters() {}

  /**
   * The sum of counter {@code name} (with or without its {@code _total} suffix) over the series
   * whose {@code label} is {@code value}; 0 when there is none.
   */
  public static double sum(PrometheusRegistry registry, String name, String label, String value) {
    String base = name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
    double sum = 0;
    for (MetricSnapshot s : registry.scrape()) {
      if (s instanceof CounterSnapshot c && c.getMetadata().getPrometheusName().equals(base)) {
        for (CounterSnapshot.CounterDataPointSnapshot d : c.getDataPoints()) {
          if (value.equals(d.getLabels().get(label))) {
            sum += d.getValue();
          }
        }
      }
    }
    return sum;
  }

  /**
   * The sum of the samples in Prometheus text {@code exposition} whose line starts with {@code
   * series} (a name, or a name with the start of its labels such as {@code x_total{stage="a"});
   * 0 when there is none. Counters start at 0, so a test of "it was counted" asserts more than 0.
   */
  public static double sumInText(String exposition, String series) {
    double sum = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
