package org.maiis.render.alerts;

import static org.maiis.render.alerts.Fixtures.sel;

import java.util.List;
import java.util.Map;

/** The alert shapes many definitions share: a slow 95th percentile, a rate above a threshold. */
final class Shapes {
  private Shapes() {}

  /**
   * The 95th percentile of a histogram over 5 minutes above the threshold (seconds), optionally per
   * one label.
   */
  static AlertRule slowP95(
      AlertContext c,
      String name,
      String group,
      String metric,
      String by,
      String byValue,
      String what,
      String meaning,
      String... sources) {
    double t = c.t(name);
    String byClause = by == null ? "le" : "le, " + by;
    String[] labels =
        by == null ? new String[] {"job", "backend"} : new String[] {"job", "backend", by, byValue};
    String forWhom = by == null ? "" : " for " + by + " {{ $labels." + by + " }}";
    String forWhomValue = by == null ? "" : " for " + by + " " + byValue;
    return c.rule(name, group, Severity.WARNING)
        .expr(
            "histogram_quantile(0.95, sum by ("
                + byClause
                + ") (rate("
                + metric
                + "_bucket[5m]))) > "
                + c.n(name))
        .summary(capitalize(what) + " is slow")
        .description(
            "95th percentile "
                + what
                + forWhom
                + " is {{ printf \"%.2f\" $value }}s (threshold "
                + PromFormat.number(t)
                + "s).")
        .meaning(meaning)
        .metrics(metric + "_bucket")
        .sources(sources)
        .test(
            Fixtures.histogram(metric, t, true, labels),
            Fixtures.histogram(metric, t, false, labels),
            by == null ? Map.of() : Map.of(by, byValue),
            "95th percentile "
                + what
                + forWhomValue
                + " is "
                + PromFormat.twoDecimals(Fixtures.slowP95(t))
                + "s (threshold "
                + PromFormat.number(t)
                + "s).");
  }

  /** The summed per-second rate of a counter above the threshold. */
  static AlertRule rateAbove(
      AlertContext c,
      String name,
      String group,
      Severity severity,
      String metric,
      String series,
      String what,
      String meaning,
      String... sources) {
    double t = c.t(name);
    double high = Fixtures.rateAbove(t);
    return c.rule(name, group, severity)
        .expr("sum(rate(" + metric + "[5m])) > " + c.n(name))
        .summary(capitalize(what) + " is high")
        .description(
            capitalize(what)
                + " is {{ printf \"%.2f\" $value }} per second (threshold "
                + PromFormat.number(t)
                + ").")
        .meaning(meaning)
        // The name only: 'metric' may carry a selector, which is no metric name.
        .metrics(metric.replaceFirst("\\{.*", ""))
        .sources(sources)
        .test(
            List.of(Series.counter(series, high)),
            List.of(Series.counter(series, t / 2)),
            Map.of(),
            capitalize(what)
                + " is "
                + PromFormat.twoDecimals(high)
                + " per second (threshold "
                + PromFormat.number(t)
                + ").");
  }

  /** A gauge above the threshold, per series. */
  static AlertRule gaugeAbove(
      AlertContext c,
      String name,
      String group,
      String metric,
      String job,
      String instance,
      String what,
      String unit,
      String meaning) {
    double t = c.t(name);
    return c.rule(name, group, Severity.WARNING)
        .expr(metric + "{job=\"" + job + "\"} > " + c.n(name))
        .summary(capitalize(what) + " is high")
        .description(
            capitalize(what)
                + " on {{ $labels.instance }} is {{ printf \"%.0f\" $value }}"
                + unit
                + " (threshold "
                + PromFormat.number(t)
                + unit
                + ").")
        .meaning(meaning)
        .metrics(metric)
        .sources(job)
        .test(
            List.of(
                Series.gauge(
                    sel(metric, "job", job, "instance", instance), Fixtures.countAbove(t))),
            List.of(Series.gauge(sel(metric, "job", job, "instance", instance), t / 2)),
            Map.of("job", job, "instance", instance),
            capitalize(what)
                + " on "
                + instance
                + " is "
                + String.format(java.util.Locale.ROOT, "%.0f", Fixtures.countAbove(t))
                + unit
                + " (threshold "
                + PromFormat.number(t)
                + unit
                + ").");
  }

  /** A ratio of two series (used / total) above the threshold, per instance. */
  static AlertRule ratioAbove(
      AlertContext c,
      String name,
      String group,
      String expr,
      List<Series> firing,
      List<Series> quiet,
      Map<String, String> labels,
      String what,
      String onWhom,
      double firingRatio,
      String meaning,
      String[] metrics,
      String... sources) {
    double t = c.t(name);
    return c.rule(name, group, Severity.WARNING)
        .expr(expr + " > " + c.n(name))
        .summary(capitalize(what) + " is high")
        .description(
            capitalize(what)
                + " on {{ $labels."
                + onWhom
                + " }} is {{ $value | humanizePercentage }} (threshold "
                + PromFormat.percentage(t)
                + ").")
        .meaning(meaning)
        .metrics(metrics)
        .sources(sources)
        .test(
            firing,
            quiet,
            labels,
            capitalize(what)
                + " on "
                + labels.get(onWhom)
                + " is "
                + PromFormat.percentage(firingRatio)
                + " (threshold "
                + PromFormat.percentage(t)
                + ").");
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
