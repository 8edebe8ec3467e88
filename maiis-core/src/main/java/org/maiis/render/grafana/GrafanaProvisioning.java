package org.maiis.render.grafana;

import static org.maiis.render.grafana.GrafanaRenderer.ALERTMANAGER_UID;
import static org.maiis.render.grafana.GrafanaRenderer.PROMETHEUS_UID;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    promJson.put("alertmanagerUid", ALERTMANAGER_UID);

    Map<String, Object> amJson = new LinkedHashMap<>();
    amJson.put("implementation", "prometheus");
    amJson.put("handleGrafanaManagedAlerts", false);

    Map<String, Object> file = new LinkedHashMap<>();
    file.put("apiVersion", 1);
    file.put(
        "datasources",
        List.of(
            datasource("Prometheus", PROMETHEUS_UID, m.grafana().prometheusUrl(), promJson),
            datasource("Alertmanager", ALERTMANAGER_UID, m.grafana().alertmanagerUrl(), amJson)));
    return file;
  }

  /**
   * A data source the UI cannot edit, which Grafana's server reaches at {@code url} (proxy). Its
   * type, Grafana's plugin id, is the lower-case {@code name}; Prometheus is the default one.
   */
  private static Map<String, Object> datasource(
      String name, String uid, URI url, Map<String, Object> jsonData) {
    String type = name.toLowerCase(Locale.ROOT);
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("name", name);
    ds.put("uid", uid);
    ds.put("type", type);
    ds.put("access", "proxy");
    ds.put("url", url.toString());
    ds.put("isDefault", type.equals("prometheus"));
    ds.put("editable", false);
    ds.put("jsonData", jsonData);
    return ds;
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
