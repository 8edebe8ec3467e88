package org.maiis.render.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.maiis.config.MaiisConfig;
import org.maiis.config.MonitoringConfig;

/** Every alert the platform has, with thresholds from the config. */
public final class AlertCatalog {
  private AlertCatalog() {}

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
    return rules;
  }

  /**
   * The alerts whose metrics come from at least one enabled scrape job: no alert on a dead source.
   */
  public static List<AlertRule> enabled(MaiisConfig config) {
    Set<String> enabled = enabledJobs(config.monitoring());
    return all(config).stream()
        .filter(r -> r.sources().stream().anyMatch(enabled::contains))
        .toList();
  }

  static Set<String> enabledJobs(MonitoringConfig m) {
    Set<String> out = new java.util.TreeSet<>();
    m.jobs()
        .forEach(
            (name, job) -> {
              if (job.enabled()) {
                out.add(name);
              }
            });
    return out;
  }
}
