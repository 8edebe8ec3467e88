package org.maiis.render.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.maiis.config.AlertDefaults;
import org.maiis.config.MaiisConfig;

/** What alert definitions read from the config: thresholds, durations, and a rule builder. */
final class AlertContext {
  private final Map<String, AlertDefaults.Threshold> thresholds;
  private final Duration certificateLifetime;

  AlertContext(MaiisConfig config) {
    this.thresholds = config.monitoring().alerts();
    this.certificateLifetime = CertificateLifetime.of(config);
  }

  /** The lifetime of the deployment's certificates (from its ACME profile). */
  Duration certificateLifetime() {
    return certificateLifetime;
  }

  /** The configured threshold of {@code alert}. */
  double t(String alert) {
    return tuning(alert)
        .threshold()
        .orElseThrow(() -> new IllegalStateException(alert + " has no threshold"));
  }

  /** The threshold as a PromQL literal. */
  String n(String alert) {
    return PromFormat.number(t(alert));
  }

  Duration forOf(String alert) {
    return tuning(alert).forDuration();
  }

  private AlertDefaults.Threshold tuning(String alert) {
    AlertDefaults.Threshold th = thresholds.get(alert);
    if (th == null) {
      throw new IllegalStateException(alert + " is missing from AlertDefaults");
    }
    return th;
  }

  /** Starts a rule; the {@code for} comes from the config. */
  Builder rule(String name, String group, Severity severity) {
    return new Builder(name, group, severity, forOf(name));
  }

  /** Assembles an {@link AlertRule} field by field, so definitions read like a table. */
  static final class Builder {
    private final String name;
    private final String group;
    private final Severity severity;
    private final Duration forDuration;
    private String expr;
    private String summary;
    private String description;
    private String meaning;
    private List<String> metrics = List.of();
    private List<String> sources = List.of();

    Builder(String name, String group, Severity severity, Duration forDuration) {
      this.name = name;
      this.group = group;
      this.severity = severity;
      this.forDuration = forDuration;
    }

    Builder expr(String e) {
      this.expr = e.strip();
      return this;
    }

    Builder summary(String s) {
      this.summary = s;
      return this;
    }

    Builder description(String d) {
      this.description = d;
      return this;
    }

    Builder meaning(String m) {
      this.meaning = m;
      return this;
    }

    Builder metrics(String... names) {
      this.metrics = List.of(names);
      return this;
    }

    Builder sources(String... jobs) {
      this.sources = List.of(jobs);
      return this;
    }

    /** Tested with one gauge of {@code target}: {@code firing} fires, {@code quiet} does not. */
    AlertRule testGauge(
        Target target, String metric, double firing, double quiet, String expectedDescription) {
      return test(
          List.of(target.gauge(metric, firing)),
          List.of(target.gauge(metric, quiet)),
          target.labels(),
          expectedDescription);
    }

    /** Tested with one counter growing at {@code firing} per second (fires) or {@code quiet}. */
    AlertRule testCounter(
        String series,
        double firing,
        double quiet,
        Map<String, String> labels,
        String expectedDescription) {
      return test(
          List.of(Series.counter(series, firing)),
          List.of(Series.counter(series, quiet)),
          labels,
          expectedDescription);
    }

    /**
     * Tested with one counter growing safely above {@code threshold} per second (fires) or at half
     * of it; {@code expected} gets the firing rate as the description prints it (two decimals).
     */
    AlertRule testRateAbove(
        String series,
        double threshold,
        Map<String, String> labels,
        Function<String, String> expected) {
      double high = Fixtures.rateAbove(threshold);
      return testCounter(
          series, high, threshold / 2, labels, expected.apply(PromFormat.twoDecimals(high)));
    }

    AlertRule test(
        List<Series> firing,
        List<Series> quiet,
        Map<String, String> labels,
        String expectedDescription) {
      return new AlertRule(
          name,
          group,
          severity,
          AlertCatalog.familyOf(name),
          expr,
          forDuration,
          summary,
          description,
          meaning,
          new ArrayList<>(metrics),
          new ArrayList<>(sources),
          new Fixture(firing, quiet, labels, expectedDescription));
    }
  }
}
