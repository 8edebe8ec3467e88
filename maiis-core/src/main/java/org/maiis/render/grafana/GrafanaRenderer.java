package org.maiis.render.grafana;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maiis.config.MaiisConfig;
import org.maiis.render.yaml.YamlWriter;

/**
 * Renders Grafana's provisioning (datasources with stable UIDs, the dashboard provider) and the six
 * dashboards. Paths are relative to the output directory; the output is byte-identical for the same
 * config.
 */
public final class GrafanaRenderer {
  /** UID of the Prometheus datasource, which every dashboard query references. */
  public static final String PROMETHEUS_UID = "maiis-prometheus";

  /** UID of the Alertmanager datasource. */
  public static final String ALERTMANAGER_UID = "maiis-alertmanager";

  /** The datasources provisioning file. */
  public static final String DATASOURCES = "grafana/provisioning/datasources/maiis.yml";

  /** The dashboard provider provisioning file. */
  public static final String PROVIDERS = "grafana/provisioning/dashboards/maiis.yml";

  /** The directory Grafana's provisioning directory is mounted from. */
  public static final String PROVISIONING_DIR = "grafana/provisioning";

  /** Where the dashboards directory is mounted in the Grafana container (the provider's path). */
  public static final String DASHBOARDS_MOUNT = "/var/lib/grafana/dashboards/maiis";

  /** The directory the dashboards are written to (and mounted from). */
  public static final String DASHBOARDS_DIR = "grafana/dashboards";

  private static final String HEADER =
      "Rendered by maiis from maiis.yaml; edit that file, not this one.";

  private GrafanaRenderer() {}

  /** The dashboard file of {@code uid}. */
  public static String dashboardFile(String uid) {
    return DASHBOARDS_DIR + "/" + uid + ".json";
  }

  /** Provisioning files and dashboards for {@code config}, path to content, in a fixed order. */
  public static Map<String, String> render(MaiisConfig config) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        DATASOURCES,
        YamlWriter.write(HEADER, GrafanaProvisioning.datasources(config.monitoring())));
    files.put(PROVIDERS, YamlWriter.write(HEADER, GrafanaProvisioning.dashboardProviders()));
    for (Dashboard d : dashboards(config)) {
      files.put(dashboardFile(d.uid()), DashboardJson.write(d));
    }
    return files;
  }

  /** The dashboards {@link #render} writes, as data. */
  public static List<Dashboard> dashboards(MaiisConfig config) {
    return Dashboards.enabled(config);
  }
}
