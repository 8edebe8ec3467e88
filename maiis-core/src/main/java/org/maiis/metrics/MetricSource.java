package org.maiis.metrics;

/** Who exports a catalog metric. */
public enum MetricSource {
  /** The platform API ({@code maiis serve}) on its /metrics. */
  APP,
  /** The JVM and process collectors, on the same /metrics. */
  JVM,
  /** {@code maiis ssl}, as a node_exporter textfile. */
  TEXTFILE
}
