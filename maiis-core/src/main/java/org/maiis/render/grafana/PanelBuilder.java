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
