package org.maiis.render.grafana;

import java.util.ArrayList;
import java.util.List;

/** Builds a {@link Panel} in the few lines a dashboard definition can afford per panel. */
final class PanelBuilder {
  private final String title;
  private final Panel.Kind kind;
  private final String unit;
  private String description = "";
  private final List<Query> queries = new ArrayList<>();
  private Thresholds thresholds = Thresholds.NONE;
  private List<String> sources = List.of();

  private PanelBuilder(String title, Panel.Kind kind, String unit) {
    this.title = title;
    this.kind = kind;
    this.unit = unit;
  }

  static PanelBuilder timeseries(String title, String unit) {
    return new PanelBuilder(title, Panel.Kind.TIMESERIES, unit);
  }

  static PanelBuilder stat(String title, String unit) {
    return new PanelBuilder(title, Panel.Kind.STAT, unit);
  }

  static PanelBuilder state(String title) {
    return new PanelBuilder(title, Panel.Kind.STATE, "none");
  }

  static PanelBuilder bars(String title, String unit) {
    return new PanelBuilder(title, Panel.Kind.BARGAUGE, unit);
  }

  /**
   * A time series of the API's {@code counter} per second, summed by {@code by} (may be empty).
   *
   * @param counter the counter with any matchers besides the job, such as {@code
   *     cache_operations_total{operation="get"}}
   */
  static PanelBuilder apiRate(String title, String unit, String by, String counter, String legend) {
    return timeseries(title, unit)
        .from("backend")
        .query(Promql.sumRate(by, withApiJob(counter)), legend);
  }

  /** A time series of the 95th percentile of the API's {@code histogram} by {@code by}. */
  static PanelBuilder apiP95(String title, String histogram, String by, String legend) {
    return timeseries(title, "s")
        .from("backend")
        .query(Promql.quantile(0.95, histogram, API_JOB, by), legend);
  }

  /** The API's scrape job as a matcher. */
  static final String API_JOB = "job=\"backend\"";

  private static String withApiJob(String counter) {
    int brace = counter.indexOf('{');
    return brace < 0
        ? counter + "{" + API_JOB + "}"
        : counter.substring(0, brace + 1) + API_JOB + "," + counter.substring(brace + 1);
  }

  PanelBuilder about(String text) {
    this.description = text;
    return this;
  }

  /** The scrape jobs that produce this panel's metrics. */
  PanelBuilder from(String... jobs) {
    this.sources = List.of(jobs).stream().sorted().toList();
    return this;
  }

  PanelBuilder thresholds(Thresholds t) {
    this.thresholds = t;
    return this;
  }

  /** A range query, or an instant one on stats, state panels and bar gauges. */
  PanelBuilder query(String expr, String legend) {
    queries.add(new Query(expr, legend, kind != Panel.Kind.TIMESERIES));
    return this;
  }

  Panel build() {
    return new Panel(title, kind, unit, description, List.copyOf(queries), thresholds, sources);
  }
}
