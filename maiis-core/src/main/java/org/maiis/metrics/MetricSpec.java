package org.maiis.metrics;

import java.util.List;

/**
 * One metric of the catalog.
 *
 * @param name the name as exposed (counters end in {@code _total}, units are base units)
 * @param type counter, gauge, histogram, summary or info
 * @param help the help text
 * @param labels labels in order, with their bounds
 * @param buckets histogram upper bounds (empty for other types)
 * @param source who exports it
 * @param group the area it belongs to (http, auth, database, ...)
 */
public record MetricSpec(
    String name,
    MetricType type,
    String help,
    List<LabelSpec> labels,
    List<Double> buckets,
    MetricSource source,
    String group) {

  public MetricSpec {
    labels = List.copyOf(labels);
    buckets = List.copyOf(buckets);
  }

  /** The label names, in order. */
  public List<String> labelNames() {
    return labels.stream().map(LabelSpec::name).toList();
  }

  /**
   * The names of the series this metric produces in Prometheus text ({@code _bucket}, {@code _sum},
   * {@code _count} for histograms and summaries).
   */
  public List<String> sampleNames() {
    return switch (type) {
      case HISTOGRAM -> List.of(name + "_bucket", name + "_sum", name + "_count");
      case SUMMARY -> List.of(name, name + "_sum", name + "_count");
      default -> List.of(name);
    };
  }
}
