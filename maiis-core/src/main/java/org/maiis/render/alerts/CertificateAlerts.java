package org.maiis.render.alerts;

import static org.maiis.render.alerts.Fixtures.sel;

import java.util.List;
import java.util.Map;
import org.maiis.metrics.CertificateMetrics;

/** Certificates: expiry from maiis ssl's own metrics and from TLS probes, and renewal health. */
final class CertificateAlerts {
  private CertificateAlerts() {}

  static final String GROUP = "certificates";
  private static final String EXPIRY = CertificateMetrics.EXPIRY_TIMESTAMP;
  private static final String NOT_BEFORE = CertificateMetrics.NOT_BEFORE_TIMESTAMP;

  static List<AlertRule> rules(AlertContext c) {
    return List.of(renewalFailing(c), renewalNotRunning(c));
  }

  /**
   * Less than the threshold's fraction of the certificate's lifetime left: from the lineage metrics
   * (maiis ssl and maiis serve, which carry notBefore), or from a blackbox TLS probe of the live
   * endpoint, whose lifetime is the ACME profile's. A fraction, not days: 30 days is a third of a
   * 90-day certificate but five times a short-lived one's whole life.
   */
  static AlertRule expiring(AlertContext c, String name, String group, Severity severity) {
    double t = c.t(name);
    long lifetime = c.certificateLifetime().toSeconds();
    // An expired certificate has a negative fraction left, which also fires a threshold of 0.
    double soon = t > 0 ? t / 2 : -0.1;
    double safe = (1 + t) / 2;
    return c.rule(name, group, severity)
        .expr(
            """
            (%1$s - time())
              / (%1$s - %3$s > 0) < %2$s
            or
            (probe_ssl_earliest_cert_expiry{job="blackbox-tls"} - time()) / %4$d < %2$s"""
                .formatted(EXPIRY, c.n(name), NOT_BEFORE, lifetime))
        .summary("A TLS certificate expires soon")
        .description(
            "The certificate {{ if $labels.lineage }}of lineage {{ $labels.lineage }}{{ else }}served at "
                + "{{ $labels.instance }}{{ end }} has {{ $value | humanizePercentage }} of its lifetime"
                + " left (threshold "
                + PromFormat.percentage(t)
                + ").")
        .meaning(
            "Renewal has not happened in time: by default a certificate renews with a third of its "
                + "lifetime left (half for short-lived ones). Run 'maiis ssl status' and 'maiis ssl renew "
                + "--dry-run' on the host, check the renewal timer ('maiis ssl schedule'), and the "
                + "CertificateRenewalFailing alert.")
        .metrics(EXPIRY, NOT_BEFORE, "probe_ssl_earliest_cert_expiry")
        .sources("backend", "node", "probe-tls")
        .test(
            lineage("bank", soon, lifetime),
            lineage("bank", safe, lifetime),
            Map.of("job", "backend", "instance", "app-1:8000", "lineage", "bank"),
            "The certificate of lineage bank has "
                + PromFormat.percentage(soon)
                + " of its lifetime left (threshold "
                + PromFormat.percentage(t)
                + ").");
  }

  /**
   * A lineage whose expiry stays {@code fractionLeft} of {@code lifetime} seconds ahead of
   * promtool's clock (which starts at 0), with the matching notBefore.
   */
  private static List<Series> lineage(String lineage, double fractionLeft, long lifetime) {
    String[] labels = {"job", "backend", "instance", "app-1:8000", "lineage", lineage};
    double expiry = fractionLeft * lifetime;
    return List.of(
        new Series(sel(EXPIRY, labels), expiry, 60),
        new Series(sel(NOT_BEFORE, labels), expiry - lifetime, 60));
  }

  private static AlertRule renewalFailing(AlertContext c) {
    String name = "CertificateRenewalFailing";
    String metric = CertificateMetrics.RENEWAL_RESULT;
    return c.rule(name, GROUP, Severity.WARNING)
        .expr(metric + "{result=~\"failed|deploy_failed\"} == 1")
        .summary("Certificate renewal fails")
        .description(
            "The last renewal of lineage {{ $labels.lineage }} ended {{ $labels.result }}.")
        .meaning(
            "'maiis ssl renew' could not renew or deploy; the previous certificate is still served. Its "
                + "stderr summary line (in the journal or cron mail) names the cause: CA unreachable, rate limit, "
                + "validation failure, or a deploy step that failed and was rolled back.")
        .metrics(metric)
        .sources("backend", "node")
        .test(
            List.of(result("failed", 1), result("renewed", 0)),
            List.of(result("failed", 0), result("renewed", 1)),
            Map.of("job", "node", "instance", "web-1:9100", "lineage", "bank", "result", "failed"),
            "The last renewal of lineage bank ended failed.");
  }

  /** One series of the result state set. */
  private static Series result(String result, double value) {
    return Series.gauge(
        sel(
            CertificateMetrics.RENEWAL_RESULT,
            "job",
            "node",
            "instance",
            "web-1:9100",
            "lineage",
            "bank",
            "result",
            result),
        value);
  }

  private static AlertRule renewalNotRunning(AlertContext c) {
    String name = "CertificateRenewalNotRunning";
    String metric = CertificateMetrics.LAST_ATTEMPT_TIMESTAMP;
    double hours = c.t(name);
    return c.rule(name, GROUP, Severity.WARNING)
        .expr("(time() - " + metric + ") / 3600 > " + c.n(name))
        .summary("Certificate renewal has stopped running")
        .description(
            "'maiis ssl renew' last ran for lineage {{ $labels.lineage }} {{ printf \"%.0f\" $value }} hours ago.")
        .meaning(
            "The renewal timer or cron job is not running. Check 'systemctl list-timers maiis-renew*' or the "
                + "crontab that 'maiis ssl schedule' installed.")
        .metrics(metric)
        .sources("backend", "node")
        .test(
            List.of(attemptedHoursAgo(metric, 2 * hours)),
            List.of(attemptedHoursAgo(metric, hours / 2)),
            Map.of("job", "node", "instance", "web-1:9100", "lineage", "bank"),
            "'maiis ssl renew' last ran for lineage bank "
                + String.format(java.util.Locale.ROOT, "%.0f", 2 * hours)
                + " hours ago.");
  }

  private static Series attemptedHoursAgo(String metric, double hours) {
    return new Series(
        sel(metric, "job", "node", "instance", "web-1:9100", "lineage", "bank"), -hours * 3600, 60);
  }
}
