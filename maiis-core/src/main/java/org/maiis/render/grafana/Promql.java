package org.maiis.render.grafana;

import java.util.Locale;

/**
 * The PromQL shapes the dashboards repeat. Ranges use Grafana's {@code $__rate_interval} (at least
 * four scrape intervals, so a rate never covers fewer than two samples) on time series, and {@code
 * $__range} (the whole selected range) on top-N lists.
 */
final class Promql {
  private Promql() {}

  static final String RATE_INTERVAL = "[$__rate_interval]";
  static final String WHOLE_RANGE = "[$__range]";

  /** {@code rate(selector[$__rate_interval])}. */
  static String rate(String selector) {
    return "rate(" + selector + RATE_INTERVAL + ")";
  }

  /** {@code sum by (by) (rate(selector[$__rate_interval]))}; {@code by} may be empty. */
  static String sumRate(String by, String selector) {
    return (by.isEmpty() ? "sum" : "sum by (" + by + ") ") + "(" + rate(selector) + ")";
  }

  /**
   * The {@code q} quantile of a classic histogram, per {@code by} labels (may be empty), from its
   * {@code _bucket} series matching {@code matchers}.
   */
  static String quantile(double q, String histogram, String matchers, String by) {
    String group = by.isEmpty() ? "le" : by + ", le";
    return "histogram_quantile("
        + String.format(Locale.ROOT, "%.2f", q)
        + ", sum by ("
        + group
        + ") ("
        + rate(histogram + "_bucket{" + matchers + "}")
        + "))";
  }

  /** {@code numerator / (denominator > 0)}: no NaN or Inf when nothing happened. */
  static String ratio(String numerator, String denominator) {
    return numerator + " / (" + denominator + " > 0)";
  }
}
