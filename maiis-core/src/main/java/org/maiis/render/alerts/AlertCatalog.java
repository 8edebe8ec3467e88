package org.maiis.render.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.maiis.config.MaiisConfig;

/** Every alert the platform has, with thresholds from the config. */
public final class AlertCatalog {
  private AlertCatalog() {}

  /** Alerts that describe one problem at different severities; Alertmanager inhibits by family. */
  private static final Map<String, String> FAMILIES = new HashMap<>();

  static {
    family("disk", "DiskSpaceLow", "DiskSpaceCritical", "DiskWillFillSoon");
    family("certificate-expiry", "SSLCertificateExpiringSoon", "SSLCertificateExpiringCritical");
    family(
        "api-errors",
        "HighAPIErrorRate",
        "APIErrorBudgetBurnFast",
        "APIErrorBudgetBurnSlow",
        "HighTransferErrorRate");
    family("postgres", "PostgreSQLDown", "HighDatabaseConnections", "DatabaseReplicationLag");
    family("redis", "RedisDown", "HighRedisMemoryUsage", "HighRedisConnections");
    family(
        "minio",
        "MinIODown",
        "HighStorageUsage",
        "StorageQuotaWarning",
        "StorageUploadFailures",
        "SlowStorageUpload");
    family("llm", "OllamaDown", "SlowLLMResponseTime", "HighLLMErrorRate");
  }

  private static void family(String family, String... alerts) {
    for (String a : alerts) {
      FAMILIES.put(a, family);
    }
  }

  /** The family of {@code alert}: shared with related alerts, or its own name. */
  public static String familyOf(String alert) {
    return FAMILIES.getOrDefault(alert, alert);
  }

  /** All alerts, whether or not their sources are scraped. */
  public static List<AlertRule> all(MaiisConfig config) {
    AlertContext c = new AlertContext(config);
    List<AlertRule> rules = new ArrayList<>();
    rules.addAll(AvailabilityAlerts.rules(c));
    rules.addAll(ResourceAlerts.rules(c));
    rules.addAll(ApiAlerts.rules(c));
    rules.addAll(AiAlerts.rules(c));
    rules.addAll(StorageAlerts.rules(c));
    rules.addAll(SecurityAlerts.rules(c));
    rules.addAll(CertificateAlerts.rules(c));
    rules.addAll(MonitoringAlerts.rules(c));
    rules.addAll(StandardAlerts.rules(c));
    return rules;
  }

  /**
   * The alerts whose metrics come from at least one enabled scrape job: no alert on a dead source.
   */
  public static List<AlertRule> enabled(MaiisConfig config) {
    Set<String> enabled = enabledJobs(config);
    return all(config).stream()
        .filter(r -> r.sources().stream().anyMatch(enabled::contains))
        .toList();
  }

  /** Enabled scrape jobs, plus "probe-X" for each blackbox probe that will exist. */
  static Set<String> enabledJobs(MaiisConfig config) {
    Set<String> out = new TreeSet<>();
    config
        .monitoring()
        .jobs()
        .forEach(
            (name, job) -> {
              if (job.enabled()) {
                out.add(name);
              }
            });
    if (out.contains("blackbox")) {
      out.add("probe-backend");
      out.add("probe-tls");
      config.server().llm().ollamaUrl().ifPresent(u -> out.add("probe-ollama"));
      config.server().vectorStore().qdrantUrl().ifPresent(u -> out.add("probe-qdrant"));
    }
    return out;
  }
}
