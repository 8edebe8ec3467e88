package org.maiis.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The tunable alerts, with the seed's thresholds and {@code for} durations as defaults. A config
 * may override any of them under {@code monitoring.alerts}; a name not listed here is a typo.
 */
public final class AlertDefaults {

  /**
   * A threshold and how long the condition must hold.
   *
   * @param threshold the value the alert compares against, in {@code unit}; empty for up/down
   *     alerts
   * @param forDuration how long the condition must hold before the alert fires
   * @param unit what the threshold counts, for docs and error messages
   */
  public record Threshold(OptionalDouble threshold, Duration forDuration, String unit) {}

  private static final Map<String, Threshold> DEFAULTS = new LinkedHashMap<>();

  static {
    // critical
    add("ServiceDown", null, "2m", "");
    add("HighAPIErrorRate", 0.05, "5m", "ratio of 5xx responses");
    add("DiskSpaceCritical", 0.95, "2m", "ratio of the filesystem used");
    add("PostgreSQLDown", null, "1m", "");
    add("RedisDown", null, "1m", "");
    add("QdrantDown", null, "2m", "");
    add("MinIODown", null, "2m", "");
    add("OllamaDown", null, "2m", "");
    add("BackendHealthCheckFailed", null, "2m", "");
    add("SSLCertificateExpiringCritical", 0.07, "10m", "ratio of the lifetime left");
    // warning
    add("HighCPUUsage", 0.8, "5m", "ratio of CPU busy");
    add("HighMemoryUsage", 0.85, "5m", "ratio of memory used");
    add("DiskSpaceLow", 0.85, "5m", "ratio of the filesystem used");
    add("SlowAPIResponseTime", 2.0, "5m", "seconds at p95");
    add("HighRequestRate", 1000.0, "5m", "requests per second");
    add("HighDatabaseConnections", 0.8, "5m", "ratio of max_connections");
    add("DatabaseReplicationLag", 30.0, "5m", "seconds");
    add("HighRedisMemoryUsage", 0.85, "5m", "ratio of maxmemory");
    add("HighRedisConnections", 100.0, "5m", "connected clients");
    add("HighStorageUsage", 0.8, "5m", "ratio of capacity used");
    add("StorageUploadFailures", 0.1, "5m", "failed uploads per second");
    add("SlowLLMResponseTime", 30.0, "5m", "seconds at p95");
    add("SpeechProviderFallbackActive", 0.0, "5m", "fallbacks per second");
    add("HighRAGPipelineErrors", 0.05, "5m", "errors per second");
    add("HighNginxErrorRate", 10.0, "5m", "5xx responses per second");
    add("HighAuthenticationFailureRate", 5.0, "5m", "failures per second");
    add("SuspiciousUploadActivity", 100.0, "5m", "uploads per second");
    add("SSLCertificateExpiringSoon", 0.2, "1h", "ratio of the lifetime left");
    // info
    add("NginxRateLimitingActive", 0.0, "5m", "rejected requests per second");
    add("HighExternalAPIUsage", 1000.0, "15m", "calls per hour");
    add("StorageQuotaWarning", 7.0, "30m", "days until full at the current rate");
    // beyond the seed: what this platform needs as well
    add("APIErrorBudgetBurnFast", 0.999, "2m", "availability SLO");
    add("APIErrorBudgetBurnSlow", 0.999, "15m", "availability SLO");
    add("HighTransferErrorRate", 0.01, "5m", "ratio of failed transfers");
    add("SlowDatabaseQueries", 0.5, "5m", "seconds at p95");
    add("DatabasePoolExhausted", 0.9, "5m", "ratio of pool connections in use");
    add("JVMHeapHigh", 0.9, "10m", "ratio of the maximum heap");
    add("HighLLMErrorRate", 0.1, "5m", "ratio of failed LLM requests");
    add("SlowRAGPipeline", 10.0, "5m", "seconds at p95");
    add("SlowVectorSearch", 1.0, "5m", "seconds at p95");
    add("SlowStorageUpload", 30.0, "5m", "seconds at p95");
    add("TLSEndpointProbeFailed", null, "5m", "");
    add("CertificateRenewalFailing", null, "10m", "");
    add("CertificateRenewalNotRunning", 48.0, "10m", "hours since the last renewal run");
    add("PrometheusRuleEvaluationFailures", 0.0, "5m", "failed evaluations per 5 minutes");
    add("AlertmanagerNotificationsFailing", 0.0, "5m", "failed notifications per second");
    add("PrometheusAlertmanagerUnreachable", null, "5m", "");
    // the standard set of the monitoring mixins and awesome-prometheus-alerts
    add("Watchdog", null, "1m", "");
    add("CertificateRenewalMetricsAbsent", null, "1h", "");
    add("NginxDown", null, "1m", "");
    add("ContainerRestarting", null, "5m", "");
    add("FilesystemInodesLow", 0.9, "10m", "ratio of the inodes used");
    add("DiskWillFillSoon", 4.0, "1h", "hours until full at the 6-hour trend");
    add("RedisEvictingKeys", 0.0, "5m", "evicted keys per 5 minutes");
    add("PostgreSQLDeadlocks", 0.0, "5m", "deadlocks per 5 minutes");
    add("JVMGarbageCollectionHigh", 0.1, "10m", "ratio of time in GC pauses");
    add("FileDescriptorsHigh", 0.8, "10m", "ratio of the descriptor limit");
  }

  private AlertDefaults() {}

  private static void add(String name, Double threshold, String forDuration, String unit) {
    DEFAULTS.put(
        name,
        new Threshold(
            threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold),
            Durations.parse(forDuration).orElseThrow(),
            unit));
  }

  /** Every tunable alert, in severity order. */
  public static Map<String, Threshold> all() {
    return Collections.unmodifiableMap(DEFAULTS);
  }
}
