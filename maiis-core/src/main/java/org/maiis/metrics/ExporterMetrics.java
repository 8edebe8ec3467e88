package org.maiis.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Metric names the deployed exporters expose, which alert rules and dashboards may query besides
 * the catalog. Only names listed here (plus Prometheus's own series) pass {@code maiis metrics
 * validate --rules}: an alert on a metric no deployed exporter produces is an error.
 */
public final class ExporterMetrics {
  private ExporterMetrics() {}

  /** nginx responses by status, counted by the rendered mtail program (mtail adds {@code prog}). */
  public static final String MTAIL_NGINX_RESPONSES = "nginx_http_responses_total";

  /** Series that Prometheus itself creates for every target and alert. */
  public static final List<String> PROMETHEUS =
      List.of(
          "up",
          "scrape_duration_seconds",
          "scrape_samples_scraped",
          "scrape_samples_post_metric_relabeling",
          "scrape_series_added",
          "ALERTS",
          "ALERTS_FOR_STATE",
          "prometheus_config_last_reload_successful",
          "prometheus_notifications_dropped_total",
          "prometheus_notifications_errors_total",
          "prometheus_notifications_sent_total",
          "prometheus_notifications_alertmanagers_discovered",
          "prometheus_rule_evaluation_failures_total",
          "prometheus_tsdb_head_series",
          "alertmanager_notifications_failed_total",
          "alertmanager_config_last_reload_successful");

  private static final Map<String, List<String>> BY_EXPORTER = declare();

  private static Map<String, List<String>> declare() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(
        "node_exporter",
        List.of(
            "node_cpu_seconds_total",
            "node_load1",
            "node_load5",
            "node_load15",
            "node_memory_MemTotal_bytes",
            "node_memory_MemAvailable_bytes",
            "node_memory_MemFree_bytes",
            "node_memory_Buffers_bytes",
            "node_memory_Cached_bytes",
            "node_memory_SwapTotal_bytes",
            "node_memory_SwapFree_bytes",
            "node_filesystem_avail_bytes",
            "node_filesystem_size_bytes",
            "node_filesystem_free_bytes",
            "node_filesystem_files",
            "node_filesystem_files_free",
            "node_filesystem_readonly",
            "node_disk_read_bytes_total",
            "node_disk_written_bytes_total",
            "node_disk_io_time_seconds_total",
            "node_network_receive_bytes_total",
            "node_network_transmit_bytes_total",
            "node_network_receive_errs_total",
            "node_network_transmit_errs_total",
            "node_boot_time_seconds",
            "node_time_seconds",
            "node_uname_info",
            "node_textfile_mtime_seconds",
            "node_textfile_scrape_error"));
    m.put(
        "postgres_exporter",
        List.of(
            "pg_up",
            "pg_stat_activity_count",
            "pg_stat_activity_max_tx_duration",
            "pg_settings_max_connections",
            "pg_replication_lag_seconds",
            "pg_replication_is_replica",
            "pg_database_size_bytes",
            "pg_locks_count",
            "pg_stat_database_xact_commit",
            "pg_stat_database_xact_rollback",
            "pg_stat_database_deadlocks",
            "pg_stat_database_numbackends",
            "pg_stat_database_blks_hit",
            "pg_stat_database_blks_read",
            "pg_stat_database_tup_fetched",
            "pg_stat_database_tup_inserted",
            "pg_stat_database_tup_updated",
            "pg_stat_database_tup_deleted"));
    m.put(
        "redis_exporter",
        List.of(
            "redis_up",
            "redis_uptime_in_seconds",
            "redis_connected_clients",
            "redis_blocked_clients",
            "redis_config_maxclients",
            "redis_memory_used_bytes",
            "redis_memory_max_bytes",
            "redis_commands_processed_total",
            "redis_commands_total",
            "redis_keyspace_hits_total",
            "redis_keyspace_misses_total",
            "redis_evicted_keys_total",
            "redis_expired_keys_total",
            "redis_db_keys",
            "redis_rejected_connections_total"));
    m.put(
        "nginx-prometheus-exporter",
        List.of(
            "nginx_up",
            "nginx_connections_accepted",
            "nginx_connections_active",
            "nginx_connections_handled",
            "nginx_connections_reading",
            "nginx_connections_waiting",
            "nginx_connections_writing",
            "nginx_http_requests_total"));
    m.put(
        "blackbox_exporter",
        List.of(
            "probe_success",
            "probe_duration_seconds",
            "probe_http_status_code",
            "probe_http_duration_seconds",
            "probe_http_ssl",
            "probe_ssl_earliest_cert_expiry",
            "probe_ssl_last_chain_expiry_timestamp_seconds",
            "probe_tls_version_info",
            "probe_dns_lookup_time_seconds",
            "probe_ip_protocol"));
    m.put(
        "cadvisor",
        List.of(
            "container_cpu_usage_seconds_total",
            "container_memory_usage_bytes",
            "container_memory_working_set_bytes",
            "container_spec_memory_limit_bytes",
            "container_network_receive_bytes_total",
            "container_network_transmit_bytes_total",
            "container_fs_usage_bytes",
            "container_fs_limit_bytes",
            "container_last_seen",
            "container_start_time_seconds"));
    m.put(
        "qdrant",
        List.of(
            "app_info",
            "collections_total",
            "collections_vector_total",
            "collections_full_total",
            "rest_responses_total",
            "rest_responses_fail_total",
            "rest_responses_avg_duration_seconds",
            "rest_responses_max_duration_seconds",
            "grpc_responses_total",
            "grpc_responses_fail_total"));
    // The counter of the mtail program that maiis renders for nginx's JSON access log.
    m.put("mtail", List.of(MTAIL_NGINX_RESPONSES));
    m.put(
        "minio",
        List.of(
            "minio_cluster_capacity_usable_total_bytes",
            "minio_cluster_capacity_usable_free_bytes",
            "minio_cluster_capacity_raw_total_bytes",
            "minio_cluster_nodes_offline_total",
            "minio_cluster_nodes_online_total",
            "minio_cluster_disk_offline_total",
            "minio_bucket_usage_total_bytes",
            "minio_bucket_usage_object_total",
            "minio_node_disk_used_bytes",
            "minio_node_disk_free_bytes",
            "minio_s3_requests_total",
            "minio_s3_requests_errors_total",
            "minio_s3_requests_4xx_errors_total",
            "minio_s3_requests_5xx_errors_total",
            "minio_s3_traffic_received_bytes",
            "minio_s3_traffic_sent_bytes"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Metric names by exporter (node_exporter, postgres_exporter, ...), in a stable order. */
  public static Map<String, List<String>> byExporter() {
    return BY_EXPORTER;
  }

  /** Every declared name: Prometheus's own and every exporter's. */
  public static Set<String> allNames() {
    Set<String> all =
        BY_EXPORTER.values().stream().flatMap(List::stream).collect(Collectors.toSet());
    all.addAll(PROMETHEUS);
    return Set.copyOf(all);
  }
}
