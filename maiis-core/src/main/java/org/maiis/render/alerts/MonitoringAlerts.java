package org.maiis.render.alerts;

import java.util.List;
import java.util.Map;

/** The monitoring itself: rules that fail to evaluate and notifications that do not leave. */
final class MonitoringAlerts {
  private MonitoringAlerts() {}

  static final String GROUP = "monitoring";

  /** Prometheus scraping itself. */
  static final Target PROMETHEUS = new Target("job", "prometheus", "instance", "127.0.0.1:9090");

  static List<AlertRule> rules(AlertContext c) {
    return List.of(ruleFailures(c), notificationsFailing(c), alertmanagerUnreachable(c));
  }

  private static AlertRule ruleFailures(AlertContext c) {
    String name = "PrometheusRuleEvaluationFailures";
    double t = c.t(name);
    String metric = "prometheus_rule_evaluation_failures_total";
    Target group = PROMETHEUS.with("rule_group", "rules/maiis-alerts.yml;api");
    return c.rule(name, GROUP, Severity.WARNING)
        .expr("increase(" + metric + "{job=\"prometheus\"}[5m]) > " + c.n(name))
        .summary("Prometheus fails to evaluate rules")
        .description(
            "{{ printf \"%.0f\" $value }} evaluations of rule group {{ $labels.rule_group }} failed in 5 minutes.")
        .meaning(
            "Some alerts cannot fire. The Prometheus log names the rule and the error (often many-to-many "
                + "matching after a label change).")
        .metrics(metric)
        .sources("prometheus")
        .testCounter(
            group.sel(metric),
            Fixtures.rateAbove(t),
            0,
            group.labels(),
            String.format(java.util.Locale.ROOT, "%.0f", Fixtures.rateAbove(t) * 300)
                + " evaluations of rule group rules/maiis-alerts.yml;api failed in 5 minutes.");
  }

  private static AlertRule notificationsFailing(AlertContext c) {
    String name = "AlertmanagerNotificationsFailing";
    String metric = "alertmanager_notifications_failed_total";
    String series =
        new Target("job", "alertmanager", "instance", "127.0.0.1:9093")
            .sel(metric, "integration", "slack");
    return c.rule(name, GROUP, Severity.CRITICAL)
        .expr(
            "sum by (integration) (rate(" + metric + "{job=\"alertmanager\"}[5m])) > " + c.n(name))
        .summary("Alert notifications fail")
        .description(
            "Alertmanager fails to deliver to {{ $labels.integration }} ({{ printf \"%.2f\" $value }} failures per second).")
        .meaning(
            "Alerts are not reaching people. Check the receiver's secret file and URL, and Alertmanager's log.")
        .metrics(metric)
        .sources("alertmanager")
        .testRateAbove(
            series,
            c.t(name),
            Map.of("integration", "slack"),
            rate -> "Alertmanager fails to deliver to slack (" + rate + " failures per second).");
  }

  /**
   * No Alertmanager takes the alerts. The count of discovered Alertmanagers alone cannot show it: a
   * static target is "discovered" whether or not anything listens there. Failed sends can, and the
   * Watchdog makes sure there is always something to send.
   */
  private static AlertRule alertmanagerUnreachable(AlertContext c) {
    String errors = "prometheus_notifications_errors_total";
    String sent = "prometheus_notifications_sent_total";
    String discovered = "prometheus_notifications_alertmanagers_discovered";
    String am = "http://127.0.0.1:9093/api/v2/alerts";
    return c.rule("PrometheusAlertmanagerUnreachable", GROUP, Severity.WARNING)
        .expr(
            """
            min without (alertmanager) (
              rate(%1$s{job="prometheus"}[5m])
              / rate(%2$s{job="prometheus"}[5m])
            ) > 0.5
            or
            %3$s{job="prometheus"} < 1"""
                .formatted(errors, sent, discovered))
        .summary("Prometheus cannot deliver alerts to any Alertmanager")
        .description(
            "Prometheus {{ $labels.instance }} cannot deliver alerts to any Alertmanager (failed"
                + " sends or none configured).")
        .meaning(
            "Alerts fire but reach no one. Check that Alertmanager runs and listens where the "
                + "alerting section of prometheus.yml points (the Prometheus log names the address and "
                + "the error), and that a firewall or a loopback-only bind does not stand between them.")
        .metrics(errors, sent, discovered)
        .sources("prometheus")
        .test(
            List.of(
                Series.counter(PROMETHEUS.sel(errors, "alertmanager", am), 1),
                Series.counter(PROMETHEUS.sel(sent, "alertmanager", am), 1),
                PROMETHEUS.gauge(discovered, 1)),
            List.of(
                Series.counter(PROMETHEUS.sel(errors, "alertmanager", am), 0),
                Series.counter(PROMETHEUS.sel(sent, "alertmanager", am), 1),
                PROMETHEUS.gauge(discovered, 1)),
            PROMETHEUS.labels(),
            "Prometheus 127.0.0.1:9090 cannot deliver alerts to any Alertmanager (failed"
                + " sends or none configured).");
  }
}
