package org.maiis.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every metric the platform exports: the single source of truth that the server registers from,
 * that alert rules and dashboards are checked against, and that {@code maiis metrics validate}
 * compares a live /metrics with.
 */
public final class MetricCatalog {
  private final Map<String, MetricSpec> byName;

  /** A catalog of {@code metrics}; names must be unique. */
  public MetricCatalog(List<MetricSpec> metrics) {
    Map<String, MetricSpec> m = new LinkedHashMap<>();
    for (MetricSpec spec : metrics) {
      if (m.put(spec.name(), spec) != null) {
        throw new IllegalArgumentException("duplicate metric " + spec.name());
      }
    }
    this.byName = Collections.unmodifiableMap(m);
  }

  /** The platform's catalog: application, JVM/process and certificate metrics. */
  public static MetricCatalog standard() {
    List<MetricSpec> all = new ArrayList<>(AppMetricDefinitions.all());
    all.addAll(JvmMetricDefinitions.all());
    all.addAll(CertificateMetricDefinitions.all());
    return new MetricCatalog(all);
  }

  /** Every metric, in catalog order (grouped by area). */
  public List<MetricSpec> metrics() {
    return List.copyOf(byName.values());
  }

  /** The metric called {@code name} (as exposed, e.g. {@code http_requests_total}). */
  public Optional<MetricSpec> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The metric that produces a series called {@code sampleName}: the name itself, or a histogram's
   * or summary's {@code _bucket}/{@code _sum}/{@code _count} series.
   */
  public Optional<MetricSpec> forSample(String sampleName) {
    MetricSpec direct = byName.get(sampleName);
    if (direct != null) {
      return Optional.of(direct);
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (sampleName.endsWith(suffix)) {
        MetricSpec base =
            byName.get(sampleName.substring(0, sampleName.length() - suffix.length()));
        if (base != null && base.sampleNames().contains(sampleName)) {
          return Optional.of(base);
        }
      }
    }
    return Optional.empty();
  }
}
