package org.maiis.render.compose;

/**
 * Pinned container images of the monitoring stack: a tag that moves would change what runs without
 * a change here. Upgrade by editing one line and re-rendering.
 */
public final class MonitoringImages {
  private MonitoringImages() {}

  /** Prometheus server. */
  public static final String PROMETHEUS = "prom/prometheus:v2.53.3";

  /** Alertmanager. */
  public static final String ALERTMANAGER = "prom/alertmanager:v0.27.0";

  /** Grafana 11.0 reads dashboard schemaVersion 39 as written. */
  public static final String GRAFANA = "grafana/grafana:11.0.0";

  /** Host metrics, and the textfile collector for the certificate metrics. */
  public static final String NODE_EXPORTER = "prom/node-exporter:v1.8.2";

  /** PostgreSQL metrics ({@code pg_*}). */
  public static final String POSTGRES_EXPORTER =
      "quay.io/prometheuscommunity/postgres-exporter:v0.15.0";

  /** The Alpine variant: it has the shell that reads a password file into the environment. */
  public static final String REDIS_EXPORTER = "oliver006/redis_exporter:v1.62.0-alpine";

  /** nginx stub_status metrics ({@code nginx_connections_*}). */
  public static final String NGINX_EXPORTER = "nginx/nginx-prometheus-exporter:1.3.0";

  /** Container metrics ({@code container_*}). */
  public static final String CADVISOR = "gcr.io/cadvisor/cadvisor:v0.49.1";

  /** HTTP and TLS probes ({@code probe_*}). */
  public static final String BLACKBOX_EXPORTER = "prom/blackbox-exporter:v0.25.0";

  /** Metrics from nginx's JSON access log ({@code nginx_http_responses_total}). */
  public static final String MTAIL = "ghcr.io/google/mtail:3.0.8";
}
