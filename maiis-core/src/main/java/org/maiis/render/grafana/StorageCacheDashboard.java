package org.maiis.render.grafana;

import static org.maiis.render.grafana.PanelBuilder.timeseries;
import static org.maiis.render.grafana.Promql.ratio;
import static org.maiis.render.grafana.Promql.sumRate;

import java.util.List;

/** Object storage (MinIO and the API's uploads) and caching (the API's cache and Redis). */
final class StorageCacheDashboard {
  private StorageCacheDashboard() {}

  static final String UID = "maiis-storage-cache";

  private static final String API = PanelBuilder.API_JOB;
  private static final String MINIO = "job=\"minio\"";
  private static final String REDIS = "job=\"redis\"";

  static Dashboard build(AlertLevels levels) {
    String free = "sum(minio_cluster_capacity_usable_free_bytes{" + MINIO + "})";
    String total = "sum(minio_cluster_capacity_usable_total_bytes{" + MINIO + "})";
    return new Dashboard(
        UID,
        "Storage & Cache",
        "MinIO capacity, upload and download rates, upload latency and errors; Redis memory and"
            + " clients; cache hit ratios and operations.",
        List.of("maiis", "storage", "cache"),
        List.of(),
        List.of(
            timeseries("MinIO capacity used", "percentunit")
                .about("Used share of usable capacity. Red line: HighStorageUsage.")
                .from("minio")
                .thresholds(levels.above("HighStorageUsage"))
                .query("1 - " + ratio(free, total), "used")
                .build(),
            timeseries("MinIO capacity", "bytes")
                .about("Usable capacity and the part of it in use.")
                .from("minio")
                .query(total + " - " + free, "used")
                .query(total, "usable")
                .build(),
            timeseries("Uploads and downloads per second", "ops")
                .about("Object storage operations the API runs, by operation and result.")
                .from("backend")
                .query(
                    sumRate(
                        "operation, status",
                        "storage_operations_total{" + API + ",operation=~\"upload|download\"}"),
                    "{{operation}} {{status}}")
                .build(),
            PanelBuilder.apiP95(
                    "Upload p95", "storage_upload_duration_seconds", "provider", "{{provider}}")
                .about("95th percentile upload time by provider. Red line: SlowStorageUpload.")
                .thresholds(levels.above("SlowStorageUpload"))
                .build(),
            PanelBuilder.apiRate(
                    "Upload errors per second",
                    "short",
                    "error_type",
                    "storage_upload_errors_total",
                    "{{error_type}}")
                .about("Failed uploads by error type. Red line: StorageUploadFailures.")
                .thresholds(levels.above("StorageUploadFailures"))
                .build(),
            timeseries("Redis memory used vs max", "bytes")
                .about("Memory used against maxmemory (absent when maxmemory is unset).")
                .from("redis")
                .query("redis_memory_used_bytes{" + REDIS + "}", "{{instance}} used")
                .query("redis_memory_max_bytes{" + REDIS + "} > 0", "{{instance}} maxmemory")
                .build(),
            timeseries("Cache hit ratio (API)", "percentunit")
                .about("Share of the API's cache reads that hit.")
                .from("backend")
                .query(
                    ratio(
                        sumRate(
                            "",
                            "cache_operations_total{" + API + ",operation=\"get\",status=\"hit\"}"),
                        sumRate(
                            "",
                            "cache_operations_total{"
                                + API
                                + ",operation=\"get\",status=~\"hit|miss\"}")),
                    "hit ratio")
                .build(),
            timeseries("Redis keyspace hit ratio", "percentunit")
                .about("Share of Redis key lookups that found the key.")
                .from("redis")
                .query(
                    ratio(
                        sumRate("instance", "redis_keyspace_hits_total{" + REDIS + "}"),
                        sumRate("instance", "redis_keyspace_hits_total{" + REDIS + "}")
                            + " + "
                            + sumRate("instance", "redis_keyspace_misses_total{" + REDIS + "}")),
                    "{{instance}}")
                .build(),
            PanelBuilder.apiRate(
                    "Cache operations per second",
                    "ops",
                    "operation, status",
                    "cache_operations_total",
                    "{{operation}} {{status}}")
                .about("The API's cache operations by operation and outcome.")
                .build(),
            timeseries("Redis clients", "none")
                .about("Connected clients. Red line: HighRedisConnections.")
                .from("redis")
                .thresholds(levels.above("HighRedisConnections"))
                .query("redis_connected_clients{" + REDIS + "}", "{{instance}}")
                .build()));
  }
}
