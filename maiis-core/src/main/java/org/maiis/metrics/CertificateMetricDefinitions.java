package org.maiis.metrics;

import static org.maiis.metrics.CertificateMetrics.*;

import java.util.List;

/** Catalog entries for the certificate metrics {@code maiis ssl} writes as a textfile. */
final class CertificateMetricDefinitions {
  private CertificateMetricDefinitions() {}

  private static final LabelSpec LINEAGE_LABEL = LabelSpec.open(LINEAGE, 100);

  static List<MetricSpec> all() {
    return List.of(
        gauge(EXPIRY_TIMESTAMP, "notAfter of the live certificate, Unix seconds."),
        gauge(NOT_BEFORE_TIMESTAMP, "notBefore of the live certificate, Unix seconds."),
        gauge(LAST_ATTEMPT_TIMESTAMP, "Start of the last issue or renew run, Unix seconds."),
        gauge(LAST_SUCCESS_TIMESTAMP, "Last time a run installed a new certificate, Unix seconds."),
        new MetricSpec(
            RENEWAL_RESULT,
            MetricType.GAUGE,
            "1 for the result of the last issue or renew run, 0 for the other results.",
            List.of(LINEAGE_LABEL, LabelSpec.closed(RESULT, RESULTS.toArray(String[]::new))),
            List.of(),
            MetricSource.TEXTFILE,
            "certificates"));
  }

  private static MetricSpec gauge(String name, String help) {
    return new MetricSpec(
        name,
        MetricType.GAUGE,
        help,
        List.of(LINEAGE_LABEL),
        List.of(),
        MetricSource.TEXTFILE,
        "certificates");
  }
}
