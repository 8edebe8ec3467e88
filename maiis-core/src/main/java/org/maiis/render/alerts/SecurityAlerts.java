package org.maiis.render.alerts;

import static org.maiis.render.alerts.Fixtures.sel;

import java.util.List;
import java.util.Map;
import org.maiis.metrics.ExporterMetrics;

/** Abuse, the edge proxy's errors and rate limiting, and TLS. */
final class SecurityAlerts {
  private SecurityAlerts() {}

  static final String GROUP = "security";

  /** The counter the rendered mtail program derives from nginx's JSON access log. */
  static final String NGINX_RESPONSES = ExporterMetrics.MTAIL_NGINX_RESPONSES;

  static List<AlertRule> rules(AlertContext c) {
    return List.of(
        Shapes.rateAbove(
            c,
            "HighAuthenticationFailureRate",
            GROUP,
            Severity.WARNING,
            "auth_failures_total",
            sel(
                "auth_failures_total",
                "job",
                "backend",
                "instance",
                "app-1:8000",
                "reason",
                "invalid_credentials"),
            "authentication failure rate",
            "Many failed logins: credential stuffing or a broken client. Check the Security dashboard by reason; "
                + "login throttling and the auth rate limit at nginx hold attackers back.",
            "backend"),
        Shapes.rateAbove(
            c,
            "SuspiciousUploadActivity",
            GROUP,
            Severity.WARNING,
            "file_upload_total",
            sel(
                "file_upload_total",
                "job",
                "backend",
                "instance",
                "app-1:8000",
                "file_type",
                "pdf",
                "status",
                "success"),
            "upload rate",
            "Far more uploads than customers make: a script or abuse. Check the access log for the clients and "
                + "the upload rate limit.",
            "backend"),
        nginxStatus(
            c,
            "HighNginxErrorRate",
            Severity.WARNING,
            "status=~\"5..\"",
            "502",
            "nginx 5xx responses",
            "nginx answers 5xx: upstreams down or timing out (502/504). Check ServiceDown for the API instances "
                + "and nginx's error log."),
        nginxStatus(
            c,
            "NginxRateLimitingActive",
            Severity.INFO,
            "status=\"429\"",
            "429",
            "nginx rate-limited responses",
            "Clients hit the rate limits. Expected in small numbers; many from one client is abuse, many from "
                + "all clients means the limits are too low for real traffic."),
        CertificateAlerts.expiring(c, "SSLCertificateExpiringSoon", GROUP, Severity.WARNING),
        tlsProbe(c));
  }

  private static AlertRule nginxStatus(
      AlertContext c,
      String name,
      Severity severity,
      String statusMatch,
      String status,
      String what,
      String meaning) {
    double t = c.t(name);
    String series =
        sel(
            NGINX_RESPONSES,
            "job",
            "mtail",
            "instance",
            "web-1:3903",
            "prog",
            "nginx.mtail",
            "status",
            status);
    return c.rule(name, GROUP, severity)
        .expr(
            "sum by (instance) (rate("
                + NGINX_RESPONSES
                + "{job=\"mtail\","
                + statusMatch
                + "}[5m])) > "
                + c.n(name))
        .summary(Shapes.capitalize(what) + " are frequent")
        .description(
            "{{ printf \"%.2f\" $value }} "
                + what
                + " per second on {{ $labels.instance }} (threshold "
                + PromFormat.number(t)
                + ").")
        .meaning(meaning)
        .metrics(NGINX_RESPONSES)
        .sources("mtail")
        .testRateAbove(
            series,
            t,
            Map.of("instance", "web-1:3903"),
            rate ->
                rate
                    + " "
                    + what
                    + " per second on web-1:3903 (threshold "
                    + PromFormat.number(t)
                    + ").");
  }

  private static AlertRule tlsProbe(AlertContext c) {
    String url = "https://bank.example.com:443";
    String series = sel("probe_success", "job", "blackbox-tls", "instance", url);
    return c.rule("TLSEndpointProbeFailed", GROUP, Severity.CRITICAL)
        .expr("probe_success{job=\"blackbox-tls\"} == 0")
        .summary("The HTTPS endpoint fails its TLS probe")
        .description(
            "The TLS probe of {{ $labels.instance }} fails: handshake, certificate or HTTP status.")
        .meaning(
            "Browsers may see a certificate error. Run 'maiis ssl verify HOST:443' to see the served chain, "
                + "protocol and days left.")
        .metrics("probe_success")
        .sources("probe-tls")
        .test(
            List.of(Series.gauge(series, 0)),
            List.of(Series.gauge(series, 1)),
            Map.of("job", "blackbox-tls", "instance", url),
            "The TLS probe of " + url + " fails: handshake, certificate or HTTP status.");
  }
}
