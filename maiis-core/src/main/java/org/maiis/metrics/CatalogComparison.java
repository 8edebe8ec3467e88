package org.maiis.metrics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares an exposition with the catalog: families nobody declared, wrong types, wrong label
 * names, values outside a closed label set (errors), and declared metrics with no samples
 * (warnings: a labelled metric shows up only once something was recorded).
 *
 * @param catalog the catalog
 * @param expected the sources whose metrics this exposition should carry
 */
public record CatalogComparison(MetricCatalog catalog, Set<MetricSource> expected) {
  private static final Set<String> BUCKET_LABELS = Set.of("le", "quantile");

  /** A comparison for an application's /metrics (application and JVM metrics). */
  public static CatalogComparison forApplication(MetricCatalog catalog) {
    return new CatalogComparison(catalog, EnumSet.of(MetricSource.APP, MetricSource.JVM));
  }

  /** The differences between {@code exposition} and the catalog. */
  public List<Finding> compare(Exposition exposition) {
    List<Finding> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Exposition.Family f : exposition.families().values()) {
      Optional<MetricSpec> found = lookup(f);
      if (found.isEmpty()) {
        out.add(Finding.error(f.name(), "not in the metric catalog"));
        continue;
      }
      MetricSpec spec = found.get();
      seen.add(spec.name());
      boolean typeOk =
          f.type().equals(spec.type().textType())
              || (spec.type() == MetricType.INFO && f.type().equals("info"));
      if (!typeOk) {
        out.add(
            Finding.error(
                f.name(), "is a " + f.type() + ", the catalog says " + spec.type().textType()));
      }
      Set<String> declared = new TreeSet<>(spec.labelNames());
      for (Exposition.Sample s : f.samples()) {
        Set<String> labels = new TreeSet<>(s.labels().keySet());
        labels.removeAll(BUCKET_LABELS);
        if (!labels.equals(declared)) {
          out.add(
              Finding.error(
                  f.name(),
                  "labels " + labels + " at line " + s.line() + ", the catalog says " + declared));
          break;
        }
      }
      for (LabelSpec label : spec.labels()) {
        if (!label.isClosed()) {
          continue;
        }
        for (Exposition.Sample s : f.samples()) {
          String v = s.labels().get(label.name());
          if (v != null && !v.equals(LabelSpec.OTHER) && !label.values().contains(v)) {
            out.add(
                Finding.error(
                    f.name(),
                    "label "
                        + label.name()
                        + "=\""
                        + v
                        + "\" is not one of "
                        + label.values()
                        + " (line "
                        + s.line()
                        + ")"));
            break;
          }
        }
      }
    }
    for (MetricSpec spec : catalog.metrics()) {
      if (expected.contains(spec.source()) && !seen.contains(spec.name())) {
        out.add(Finding.warning(spec.name(), "declared in the catalog, no samples exposed"));
      }
    }
    return out;
  }

  private Optional<MetricSpec> lookup(Exposition.Family f) {
    Optional<MetricSpec> direct = catalog.find(f.name());
    if (direct.isPresent()) {
      return direct;
    }
    // OpenMetrics names counters without _total and info metrics without _info.
    if (f.type().equals("counter")) {
      return catalog.find(f.name() + "_total");
    }
    if (f.type().equals("info")) {
      return catalog.find(f.name() + "_info");
    }
    return Optional.empty();
  }
}
