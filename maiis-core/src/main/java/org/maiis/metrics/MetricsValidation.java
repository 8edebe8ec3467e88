package org.maiis.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code maiis metrics validate} does with one exposition: parse it, lint it, and compare it
 * with the catalog.
 */
public final class MetricsValidation {
  private MetricsValidation() {}

  /**
   * The findings for {@code text}: a parse error is one error finding.
   *
   * @param source where the text came from, for messages
   */
  public static List<Finding> check(
      String source, String text, MetricCatalog catalog, int maxSeriesPerFamily) {
    Exposition exposition;
    try {
      exposition = Exposition.parse(text);
    } catch (IllegalArgumentException e) {
      return List.of(Finding.error(source, "not a Prometheus exposition: " + e.getMessage()));
    }
    List<Finding> out = new ArrayList<>(new ExpositionLint(maxSeriesPerFamily).check(exposition));
    out.addAll(CatalogComparison.forApplication(catalog).compare(exposition));
    return out;
  }

  /** Whether any finding is an error. */
  public static boolean hasErrors(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
  }
}
