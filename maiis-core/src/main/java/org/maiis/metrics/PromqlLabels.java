package org.maiis.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels a PromQL expression reads from catalog metrics, against the labels those metrics have:
 * a matcher on a label the metric lacks selects nothing (or everything, for {@code !=}), and {@code
 * sum by (model)} over a metric without {@code model} puts every series in one group. Both pass
 * promtool and give an alert that never fires. Target labels (job, instance) are always there;
 * metrics outside the catalog are not checked (their labels are not declared).
 */
final class PromqlLabels {
  private PromqlLabels() {}

  private static final List<String> TARGET_LABELS = List.of("job", "instance", "__name__");
  private static final Pattern SELECTOR =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^{}]*)\\}");
  private static final Pattern MATCHER =
      Pattern.compile(
          "([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')");
  private static final Pattern JOB = Pattern.compile("(?<![a-zA-Z0-9_])job\\s*=\\s*\"([^\"]*)\"");

  /**
   * The scrape jobs that carry a catalog metric: the API's /metrics, and for the certificate
   * textfile also node_exporter's textfile collector.
   */
  private static final Map<MetricSource, List<String>> JOBS =
      Map.of(
          MetricSource.APP, List.of("backend"),
          MetricSource.JVM, List.of("backend"),
          MetricSource.TEXTFILE, List.of("node", "backend"));

  private static final Pattern GROUPING = Pattern.compile("\\b(by|on)\\s*\\(([^)]*)\\)");

  /** One line per label an expression reads that its catalog metrics do not have. */
  static List<String> problems(String expr, MetricCatalog catalog) {
    List<String> out = new ArrayList<>();
    Matcher sel = SELECTOR.matcher(expr);
    while (sel.find()) {
      Set<String> labels = labelsOf(sel.group(1), catalog);
      if (labels == null) {
        continue;
      }
      Matcher m = MATCHER.matcher(sel.group(2));
      while (m.find()) {
        if (!labels.contains(m.group(1))) {
          out.add(sel.group(1) + " has no label " + m.group(1) + " (it has " + show(labels) + ")");
        }
      }
      Matcher job = JOB.matcher(sel.group(2));
      if (job.find()) {
        List<String> jobs = JOBS.get(catalog.forSample(sel.group(1)).orElseThrow().source());
        if (!jobs.contains(job.group(1))) {
          out.add(
              sel.group(1)
                  + " is not scraped by job "
                  + job.group(1)
                  + " (it comes from job "
                  + String.join(" or ", jobs)
                  + ")");
        }
      }
    }
    if (expr.contains("label_replace") || expr.contains("label_join")) {
      return out; // those make labels of their own
    }
    Set<String> metrics = PromqlMetricNames.of(expr);
    Set<String> available = new HashSet<>();
    for (String metric : metrics) {
      Set<String> labels = labelsOf(metric, catalog);
      if (labels == null) {
        return out; // a label may come from a metric whose labels are not declared
      }
      available.addAll(labels);
    }
    if (metrics.isEmpty()) {
      return out;
    }
    Matcher g = GROUPING.matcher(expr);
    while (g.find()) {
      for (String label : g.group(2).split(",")) {
        String l = label.strip();
        if (!l.isEmpty() && !available.contains(l)) {
          out.add(g.group(1) + " (" + l + "): no metric of the expression has label " + l);
        }
      }
    }
    return out;
  }

  /** The labels a series of {@code sample} carries, or null when the catalog does not know it. */
  private static Set<String> labelsOf(String sample, MetricCatalog catalog) {
    return catalog
        .forSample(sample)
        .map(
            spec -> {
              Set<String> labels = new LinkedHashSet<>(spec.labelNames());
              labels.addAll(TARGET_LABELS);
              if (sample.endsWith("_bucket")) {
                labels.add("le");
              }
              if (spec.type() == MetricType.SUMMARY && sample.equals(spec.name())) {
                labels.add("quantile");
              }
              return labels;
            })
        .orElse(null);
  }

  private static String show(Set<String> labels) {
    return String.join(", ", labels.stream().filter(l -> !l.equals("__name__")).toList());
  }
}
