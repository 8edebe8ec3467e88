package org.maiis.render.grafana;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maiis.config.Durations;
import org.maiis.config.MonitoringConfig;

/**
 * Grafana's provisioning files as data: the two datasources with the stable UIDs every dashboard
 * references, and the file provider that loads the dashboards.
 */
final class GrafanaProvisioning {
  private GrafanaProvisioning() {}

  static Map<String, Object> datasources(MonitoringConfig m) {
    Map<String, Object> promJson = new LinkedHashMap<>();
    // Grafana's $__rate_interval is four times this, so rates never cover too few samples.
    promJson.put("timeInterval", Durations.format(m.scrapeInterval()));
    promJson.put("httpMethod", "POST");
    promJson.put("alertmanagerUid", GrafanaRenderer.ALERTMANAGER_UID);

    Map<String, Object> prometheus = new LinkedHashMap<>();
    prometheus.put("name", "Prometheus");
    prometheus.put("uid", GrafanaRenderer.PROMETHEUS_UID);
    prometheus.put("type", "prometheus");
    prometheus.put("access", "proxy");
    prometheus.put("url", m.grafana().prometheusUrl().toString());
    prometheus.put("isDefault", true);
    prometheus.put("editable", false);
    prometheus.put("jsonData", promJson);

    Map<String, Object> amJson = new LinkedHashMap<>();
    amJson.put("implementation", "prometheus");
    amJson.put("handleGrafanaManagedAlerts", false);

    Map<String, Object> alertmanager = new LinkedHashMap<>();
    alertmanager.put("name", "Alertmanager");
    alertmanager.put("uid", GrafanaRenderer.ALERTMANAGER_UID);
    alertmanager.put("type", "alertmanager");
    alertmanager.put("access", "proxy");
    alertmanager.put("url", m.grafana().alertmanagerUrl().toString());
    alertmanager.put("isDefault", false);
    alertmanager.put("editable", false);
    alertmanager.put("jsonData", amJson);

    Map<String, Object> file = new LinkedHashMap<>();
    file.put("apiVersion", 1);
    file.put("datasources", List.of(prometheus, alertmanager));
    return file;
  }

  static Map<String, Object> dashboardProviders() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("path", GrafanaRenderer.DASHBOARDS_MOUNT);
    // With foldersFromFilesStructure the folder below would have to be empty.
    options.put("foldersFromFilesStructure", false);

    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("name", "maiis");
    provider.put("orgId", 1);
    provider.put("folder", "maiis");
    provider.put("folderUid", "maiis");
    provider.put("type", "file");
    // The files are the source of truth: edits in the UI would be lost at the next render.
    provider.put("disableDeletion", true);
    provider.put("allowUiUpdates", false);
    provider.put("updateIntervalSeconds", 30);
    provider.put("options", options);

    Map<String, Object> file = new LinkedHashMap<>();
    file.put("apiVersion", 1);
    file.put("providers", List.of(provider));
    return file;
  }
}
