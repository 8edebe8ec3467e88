package org.maiis.metrics;

import java.util.Locale;

/** The kind of a metric, as Prometheus's text format names it in {@code # TYPE}. */
public enum MetricType {
  COUNTER,
  GAUGE,
  HISTOGRAM,
  SUMMARY,
  /** A constant-1 gauge whose labels carry metadata; Prometheus text shows it as a gauge. */
  INFO;

  /** The {@code # TYPE} word in Prometheus text format (an info metric is a gauge there). */
  public String textType() {
    return this == INFO ? "gauge" : name().toLowerCase(Locale.ROOT);
  }
}
