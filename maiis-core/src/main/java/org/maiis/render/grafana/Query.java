package org.maiis.render.grafana;

/**
 * One PromQL query of a panel.
 *
 * @param expr the expression, as Grafana sends it (it may use {@code $__rate_interval}, {@code
 *     $__range} and dashboard variables inside label matchers)
 * @param legend Grafana legend format such as {@code {{instance}}}
 * @param instant whether it is evaluated once at the end of the range (bar gauges, stats)
 */
public record Query(String expr, String legend, boolean instant) {

  /** A range query drawn over time. */
  public static Query range(String expr, String legend) {
    return new Query(expr, legend, false);
  }

  /** An instant query. */
  public static Query instant(String expr, String legend) {
    return new Query(expr, legend, true);
  }
}
