package org.maiis.render.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maiis.metrics.ExporterMetrics;
import org.maiis.metrics.MetricCatalog;
import org.maiis.metrics.PromqlMetricNames;
import org.maiis.render.alerts.RecordingRules;
import org.maiis.render.output.RenderException;

/**
 * Refuses to render a query on a metric that nothing exports: every name must be in the metric
 * catalog, a declared exporter's list, or a recording rule. This is what makes an alert on a metric
 * nobody exports impossible by construction.
 */
public final class QueriedMetrics {
  private final MetricCatalog catalog;

  /** A check against {@code catalog}, the declared exporters and the recording rules. */
  public QueriedMetrics(MetricCatalog catalog) {
    this.catalog = catalog;
  }

  /** Whether some source provides the series {@code name}. */
  public boolean known(String name) {
    return catalog.forSample(name).isPresent()
        || ExporterMetrics.allNames().contains(name)
        || RecordingRules.all().containsKey(name);
  }

  /**
   * Checks every query.
   *
   * @param queries where each query is used (alert or panel) to its PromQL
   * @throws RenderException listing every query on an unknown metric
   */
  public void requireKnown(Map<String, String> queries) {
    List<String> unknown = new ArrayList<>();
    queries.forEach(
        (where, expr) -> {
          for (String name : PromqlMetricNames.of(expr)) {
            if (!known(name)) {
              unknown.add(where + " queries " + name);
            }
          }
        });
    if (!unknown.isEmpty()) {
      throw new RenderException(
          "metrics that neither the catalog nor a declared exporter provides: "
              + String.join("; ", unknown));
    }
  }
}
