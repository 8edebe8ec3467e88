package org.maiis.render.grafana;

import static org.maiis.render.grafana.PanelBuilder.stat;
import static org.maiis.render.grafana.PanelBuilder.timeseries;
import static org.maiis.render.grafana.Promql.sumRate;

import java.util.List;
import org.maiis.metrics.CertificateMetrics;

/**
 * Authentication, the edge proxy's rate limiting and errors (counted by mtail from nginx's JSON
 * access log), uploads, and certificates.
 */
final class SecurityDashboard {
  private SecurityDashboard() {}

  static final String UID = "maiis-security";

  /** The counter the rendered mtail program derives from nginx's access log. */
  static final String NGINX_RESPONSES = "nginx_http_responses_total";

  /** notAfter of each lineage's live certificate, written by {@code maiis ssl}. */
  static final String CERT_EXPIRY = CertificateMetrics.EXPIRY_TIMESTAMP;

  /** 1 for the result of each lineage's last renewal run, written by {@code maiis ssl}. */
  static final String RENEWAL_RESULT = CertificateMetrics.RENEWAL_RESULT;

  private static final String MTAIL = "job=\"mtail\"";

  static Dashboard build(AlertLevels levels) {
    // The alerts' fractions of the lifetime left, in days of the deployment's certificates.
    Thresholds daysLeft =
        Thresholds.below(
            days(levels.of("SSLCertificateExpiringCritical") * levels.certificateLifetimeDays()),
            days(levels.of("SSLCertificateExpiringSoon") * levels.certificateLifetimeDays()));
    return new Dashboard(
        UID,
        "Security",
        "Authentication failures, rate limiting and 5xx at nginx, upload activity, certificate"
            + " expiry and renewal.",
        List.of("maiis", "security"),
        List.of(),
        List.of(
            PanelBuilder.apiRate(
                    "Auth failures per second by reason",
                    "short",
                    "reason",
                    "auth_failures_total",
                    "{{reason}}")
                .about("Failed authentications by reason. Red line: HighAuthenticationFailureRate.")
                .thresholds(levels.above("HighAuthenticationFailureRate"))
                .build(),
            PanelBuilder.apiRate(
                    "Auth attempts by result",
                    "reqps",
                    "status, method",
                    "auth_attempts_total",
                    "{{method}} {{status}}")
                .about("Authentication attempts by result and method.")
                .build(),
            timeseries("nginx 429 (rate limited)", "reqps")
                .about("Requests nginx refused for exceeding a rate limit, per host.")
                .from("mtail")
                .query(
                    sumRate("instance", NGINX_RESPONSES + "{" + MTAIL + ",status=\"429\"}"),
                    "{{instance}}")
                .build(),
            timeseries("nginx 5xx", "reqps")
                .about("5xx answered by nginx, by status. Red line: HighNginxErrorRate (per host).")
                .from("mtail")
                .thresholds(levels.above("HighNginxErrorRate"))
                .query(
                    sumRate("status", NGINX_RESPONSES + "{" + MTAIL + ",status=~\"5..\"}"),
                    "{{status}}")
                .build(),
            PanelBuilder.apiRate(
                    "Uploads per second",
                    "reqps",
                    "doc_type, status",
                    "file_upload_total",
                    "{{doc_type}} {{status}}")
                .about("File uploads by type and result. Red line: SuspiciousUploadActivity.")
                .thresholds(levels.above("SuspiciousUploadActivity"))
                .build(),
            stat("Certificate days left (maiis ssl)", "d")
                .about("Days until each managed certificate expires, per lineage.")
                .from("backend", "node")
                .thresholds(daysLeft)
                .query("min by (lineage) ((" + CERT_EXPIRY + " - time()) / 86400)", "{{lineage}}")
                .build(),
            stat("Certificate days left (TLS probe)", "d")
                .about("Days until the certificate served at each probed HTTPS endpoint expires.")
                .from("blackbox")
                .thresholds(daysLeft)
                .query(
                    "min by (instance) ((probe_ssl_earliest_cert_expiry{job=\"blackbox-tls\"}"
                        + " - time()) / 86400)",
                    "{{instance}}")
                .build(),
            PanelBuilder.state("Last renewal result")
                .about("Result of the last 'maiis ssl renew' run per lineage.")
                .from("backend", "node")
                .query(
                    "max by (lineage, result) (" + RENEWAL_RESULT + " == 1)",
                    "{{lineage}}: {{result}}")
                .build()));
  }

  /** Days to two decimals, as a panel shows them (0.07 x 90 is 6.300000000000001 in binary). */
  private static double days(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
