package org.maiis.render.grafana;

import org.maiis.config.AlertDefaults;
import org.maiis.config.MonitoringConfig;

/** The alert thresholds of the config, so a panel's red line sits exactly where its alert fires. */
final class AlertLevels {
  private final MonitoringConfig monitoring;
  private final double certificateLifetimeDays;

  AlertLevels(MonitoringConfig monitoring, double certificateLifetimeDays) {
    this.monitoring = monitoring;
    this.certificateLifetimeDays = certificateLifetimeDays;
  }

  /** The lifetime of the deployment's certificates, in days. */
  double certificateLifetimeDays() {
    return certificateLifetimeDays;
  }

  /** The threshold of {@code alert}. */
  double of(String alert) {
    AlertDefaults.Threshold t = monitoring.alerts().get(alert);
    if (t == null || t.threshold().isEmpty()) {
      throw new IllegalArgumentException(alert + " has no threshold");
    }
    return t.threshold().getAsDouble();
  }

  /** Red from the threshold of {@code alert} upward. */
  Thresholds above(String alert) {
    return Thresholds.above(of(alert));
  }
}
