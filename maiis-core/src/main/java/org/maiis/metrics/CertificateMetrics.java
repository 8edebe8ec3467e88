package org.maiis.metrics;

import java.util.List;

/**
 * Names of the certificate metrics that {@code maiis ssl} writes as a node_exporter textfile
 * (collector.textfile) after every issue/renew run. The catalog declares them with these names, and
 * the alert rules query them, so an expiry alert always has a real source.
 *
 * <p>All are gauges labelled by {@link #LINEAGE} (the certificate's name under {@code live/}).
 * Timestamps are Unix seconds, as Prometheus base units want.
 */
public final class CertificateMetrics {
  private CertificateMetrics() {}

  /** Label: the lineage (certificate name), one series per managed certificate. */
  public static final String LINEAGE = "lineage";

  /** Label of {@link #RENEWAL_RESULT}: the outcome of the last run, one of {@link #RESULTS}. */
  public static final String RESULT = "result";

  /** Gauge: notAfter of the live certificate, Unix seconds. {@code lineage}. */
  public static final String EXPIRY_TIMESTAMP = "maiis_ssl_certificate_expiry_timestamp_seconds";

  /** Gauge: notBefore of the live certificate, Unix seconds. {@code lineage}. */
  public static final String NOT_BEFORE_TIMESTAMP =
      "maiis_ssl_certificate_not_before_timestamp_seconds";

  /**
   * Gauge: when the last issue/renew run for the lineage started, Unix seconds. {@code lineage}.
   */
  public static final String LAST_ATTEMPT_TIMESTAMP =
      "maiis_ssl_renewal_last_attempt_timestamp_seconds";

  /**
   * Gauge: when a run last installed a new certificate for the lineage, Unix seconds. {@code
   * lineage}.
   */
  public static final String LAST_SUCCESS_TIMESTAMP =
      "maiis_ssl_renewal_last_success_timestamp_seconds";

  /**
   * Gauge, one series per possible result: 1 for the result of the last run, 0 for the others (the
   * state-set pattern, so alerts select {@code result="failed"} without regexes). {@code lineage,
   * result}.
   */
  public static final String RENEWAL_RESULT = "maiis_ssl_renewal_result";

  /** Result: a new certificate was issued and deployed. */
  public static final String RESULT_RENEWED = "renewed";

  /** Result: the certificate was not yet due, nothing was done. */
  public static final String RESULT_NOT_DUE = "not_due";

  /** Result: issuance failed; the previous certificate stays live. */
  public static final String RESULT_FAILED = "failed";

  /** Result: issued, but the deploy hook failed and the previous certificate was restored. */
  public static final String RESULT_DEPLOY_FAILED = "deploy_failed";

  /** Every value of {@link #RESULT}, in the order the textfile lists them. */
  public static final List<String> RESULTS =
      List.of(RESULT_RENEWED, RESULT_NOT_DUE, RESULT_FAILED, RESULT_DEPLOY_FAILED);

  /** Every metric name above. */
  public static final List<String> NAMES =
      List.of(
          EXPIRY_TIMESTAMP,
          NOT_BEFORE_TIMESTAMP,
          LAST_ATTEMPT_TIMESTAMP,
          LAST_SUCCESS_TIMESTAMP,
          RENEWAL_RESULT);
}
