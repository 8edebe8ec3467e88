package org.maiis.render.alerts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

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
        .description(p95Description(what, forWhom, VALUE_2DP, t))
        .meaning(meaning)
        .metrics(metric + "_bucket")
        .sources(sources)
        .test(
            Fixtures.histogram(metric, t, true, labels),
            Fixtures.histogram(metric, t, false, labels),
            by == null ? Map.of() : Map.of(by, byValue),
            p95Description(what, forWhomValue, PromFormat.twoDecimals(Fixtures.slowP95(t)), t));
  }

  /** The alert's value with two decimals, as a description template writes it. */
  static final String VALUE_2DP = "{{ printf \"%.2f\" $value }}";

  /**
   * A slow 95th percentile's description: the template with {@link #VALUE_2DP}, or as Prometheus
   * renders it for a fixture with that value ({@code forWhom} may be empty).
   */
  static String p95Description(String what, String forWhom, String seconds, double threshold) {
    return "95th percentile "
        + what
        + forWhom
        + " is "
        + seconds
        + "s (threshold "
        + PromFormat.number(threshold)
        + "s).";
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
        .testRateAbove(
            series,
            t,
            Map.of(),
            rate ->
                capitalize(what)
                    + " is "
                    + rate
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
        .testGauge(
            new Target("job", job, "instance", instance),
            metric,
            Fixtures.countAbove(t),
            t / 2,
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

  /**
   * A ratio of two series (used / total) above the threshold, per instance, tested with the series
   * {@code at} gives for a ratio safely above the threshold and for half of it.
   */
  static AlertRule ratioAbove(
      AlertContext c,
      String name,
      String group,
      String expr,
      DoubleFunction<List<Series>> at,
      Map<String, String> labels,
      String what,
      String meaning,
      String[] metrics,
      String... sources) {
    double t = c.t(name);
    double used = Fixtures.above(t);
    return ratioAbove(
        c,
        name,
        group,
        expr,
        at.apply(used),
        at.apply(t / 2),
        labels,
        what,
        "instance",
        used,
        meaning,
        metrics,
        sources);
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

  /**
   * A resource counter's increase over 5 minutes above the threshold, per series; its job is the
   * target's. {@code expected} gets the firing count as Prometheus prints it.
   */
  static AlertRule increaseAbove(
      AlertContext c,
      String name,
      String metric,
      String selector,
      Target target,
      String summary,
      String description,
      String meaning,
      Function<String, String> expected) {
    // A whole count: Go prints 0.5 as "0" where Java prints "1", so a firing increase of one
    // half would make the expected description depend on floating-point noise.
    double increase = Math.max(1, Math.ceil(Fixtures.rateAbove(c.t(name) / 300) * 300));
    double perSecond = increase / 300;
    return c.rule(name, ResourceAlerts.GROUP, Severity.WARNING)
        .expr("increase(" + metric + selector + "[5m]) > " + c.n(name))
        .summary(summary)
        .description(description)
        .meaning(meaning)
        .metrics(metric)
        .sources(target.get("job"))
        .testCounter(
            target.sel(metric),
            perSecond,
            0,
            target.labels(),
            expected.apply(String.format(Locale.ROOT, "%.0f", perSecond * 300)));
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
