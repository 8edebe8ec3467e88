package org.maiis.render.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maiis.config.MaiisConfig;
import org.maiis.render.grafana.GrafanaRenderer;
import org.maiis.render.yaml.YamlWriter;

/**
 * Renders the docker compose file of the monitoring stack: Prometheus (with the rendered rules
 * mounted), Alertmanager, Grafana (provisioning and dashboards mounted, admin password from a
 * secret file), and the exporters of the enabled scrape jobs. Images are pinned.
 */
public final class ComposeRenderer {
  /** Where the compose file is written, relative to the output directory. */
  public static final String FILE = "compose/docker-compose.monitoring.yml";

  /** Grafana's listen address (on loopback: put it behind the nginx front or an SSH tunnel). */
  public static final String GRAFANA_LISTEN = "127.0.0.1:3000";

  private static final String SOURCE = "../";

  private ComposeRenderer() {}

  /** The compose file for {@code config}, path to content. */
  public static Map<String, String> render(MaiisConfig config) {
    Map<String, Object> compose = compose(config);
    List<String> hosts = new Placement(config).hosts();
    String header =
        "Rendered by maiis from maiis.yaml; edit that file, not this one.\n"
            + (hosts.isEmpty()
                ? "# Run from this directory: docker compose -f docker-compose.monitoring.yml up -d"
                : "# Each service binds the address Prometheus scrapes it at. On each host, from"
                    + " this directory:\n#   docker compose -f docker-compose.monitoring.yml"
                    + " --profile HOST up -d\n# with HOST its address: "
                    + String.join(", ", hosts));
    if (config.monitoring().grafana().adminPasswordFile().isEmpty()) {
      header +=
          "\n# No monitoring.grafana.admin_password_file: Grafana asks to change its default"
              + " admin password at first login.";
    }
    return Map.of(FILE, YamlWriter.write(header, compose));
  }

  /**
   * The host paths the compose file bind-mounts from the rendered output, relative to the output
   * directory ({@code prometheus}, {@code grafana/dashboards}, ...): each must have been rendered.
   */
  public static List<String> mountedArtifacts(MaiisConfig config) {
    List<String> out = new ArrayList<>();
    for (Service s :
        services(config, new ExporterServices(config), new Placement(config)).values()) {
      for (String v : s.volumes()) {
        if (v.startsWith(SOURCE)) {
          out.add(v.substring(SOURCE.length(), v.indexOf(':')));
        }
      }
    }
    return out;
  }

  private static Map<String, Object> compose(MaiisConfig config) {
    ExporterServices exporters = new ExporterServices(config);
    Map<String, Object> services = new LinkedHashMap<>();
    services(config, exporters, new Placement(config))
        .forEach((name, s) -> services.put(name, s.toMap()));

    Map<String, Object> compose = new LinkedHashMap<>();
    compose.put("name", "maiis-monitoring");
    compose.put("services", services);
    Map<String, Object> volumes = new LinkedHashMap<>();
    for (String v : List.of("prometheus-data", "alertmanager-data", "grafana-data")) {
      volumes.put(v, Map.of());
    }
    compose.put("volumes", volumes);
    if (!exporters.secrets.isEmpty()) {
      compose.put("secrets", exporters.secrets);
    }
    return compose;
  }

  private static Map<String, Service> services(
      MaiisConfig config, ExporterServices exporters, Placement placement) {
    String prometheus = Placement.bind(placement.targets("prometheus").get(0));
    String alertmanager = Placement.bind(placement.targets("alertmanager").get(0));
    Map<String, Service> s = new LinkedHashMap<>();
    s.put(
        "prometheus",
        new Service(MonitoringImages.PROMETHEUS)
            .command(
                "--config.file=/etc/prometheus/prometheus.yml",
                "--storage.tsdb.path=/prometheus",
                "--web.listen-address=" + prometheus,
                // Lets 'curl -X POST .../-/reload' pick up a re-render without a restart.
                "--web.enable-lifecycle")
            // The whole directory, so prometheus.yml and the rules under rules/ are both there.
            .volume(SOURCE + "prometheus:/etc/prometheus:ro")
            .volume("prometheus-data:/prometheus")
            .profile(placement.profile(prometheus)));
    s.put(
        "alertmanager",
        new Service(MonitoringImages.ALERTMANAGER)
            .command(
                "--config.file=/etc/alertmanager/alertmanager.yml",
                "--storage.path=/alertmanager",
                "--web.listen-address=" + alertmanager,
                // A single instance: no gossip port opened on the host network.
                "--cluster.listen-address=")
            .volume(SOURCE + "alertmanager:/etc/alertmanager:ro")
            .volume("alertmanager-data:/alertmanager")
            .profile(placement.profile(alertmanager)));
    // Grafana reads Prometheus on its host (config validate holds prometheus_url to a target).
    s.put("grafana", grafana(config, exporters).profile(placement.profile(prometheus)));
    s.putAll(exporters.services(placement));
    return s;
  }

  private static Service grafana(MaiisConfig config, ExporterServices exporters) {
    int colon = GRAFANA_LISTEN.lastIndexOf(':');
    Service g =
        new Service(MonitoringImages.GRAFANA)
            .env("GF_SERVER_HTTP_ADDR", GRAFANA_LISTEN.substring(0, colon))
            .env("GF_SERVER_HTTP_PORT", GRAFANA_LISTEN.substring(colon + 1))
            .env("GF_USERS_ALLOW_SIGN_UP", "false")
            .env("GF_AUTH_ANONYMOUS_ENABLED", "false")
            .env("GF_ANALYTICS_REPORTING_ENABLED", "false");
    config
        .monitoring()
        .grafana()
        .adminPasswordFile()
        .ifPresent(
            file -> {
              exporters.secrets.put("grafana_admin_password", Map.of("file", file.toString()));
              g.env("GF_SECURITY_ADMIN_PASSWORD__FILE", "/run/secrets/grafana_admin_password")
                  .secret("grafana_admin_password");
            });
    return g.volume(SOURCE + GrafanaRenderer.PROVISIONING_DIR + ":/etc/grafana/provisioning:ro")
        .volume(
            SOURCE
                + GrafanaRenderer.DASHBOARDS_DIR
                + ":"
                + GrafanaRenderer.DASHBOARDS_MOUNT
                + ":ro")
        .volume("grafana-data:/var/lib/grafana");
  }
}
