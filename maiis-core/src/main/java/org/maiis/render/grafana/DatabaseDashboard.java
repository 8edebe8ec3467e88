package org.maiis.render.grafana;

import static org.maiis.render.grafana.PanelBuilder.timeseries;
import static org.maiis.render.grafana.Promql.quantile;
import static org.maiis.render.grafana.Promql.ratio;
import static org.maiis.render.grafana.Promql.sumRate;

import java.util.List;

/** The API's queries and connection pool, and PostgreSQL itself (postgres_exporter). */
final class DatabaseDashboard {
  private DatabaseDashboard() {}

  static final String UID = "maiis-database";

  private static final String API = PanelBuilder.API_JOB;
  private static final String PG = "job=\"postgres\"";

  static Dashboard build(AlertLevels levels, int poolSize) {
    return new Dashboard(
        UID,
        "Database",
        "Query rate and latency as the API sees them, its connection pool, and PostgreSQL's"
            + " connections, cache, transactions and replication.",
        List.of("maiis", "database"),
        List.of(),
        List.of(
            PanelBuilder.apiRate(
                    "Query rate by operation",
                    "ops",
                    "operation",
                    "db_queries_total",
                    "{{operation}}")
                .about("Queries per second the API runs, by operation.")
                .build(),
            PanelBuilder.apiP95(
                    "Query p95 by operation",
                    "db_query_duration_seconds",
                    "operation",
                    "{{operation}}")
                .about("95th percentile query time by operation. Red line: SlowDatabaseQueries.")
                .thresholds(levels.above("SlowDatabaseQueries"))
                .build(),
            timeseries("API connection pool", "none")
                .about("Connections in use and idle per API instance. Red line: the pool size.")
                .from("backend")
                .thresholds(Thresholds.above(poolSize))
                .query("db_connections_active{" + API + "}", "{{instance}} active")
                .query("db_connections_idle{" + API + "}", "{{instance}} idle")
                .build(),
            timeseries("PostgreSQL connections vs max_connections", "none")
                .about("Backends connected, against the server's max_connections.")
                .from("postgres")
                .query(
                    "sum by (instance) (pg_stat_activity_count{" + PG + "})",
                    "{{instance}} connections")
                .query(
                    "max by (instance) (pg_settings_max_connections{" + PG + "})",
                    "{{instance}} max_connections")
                .build(),
            timeseries("PostgreSQL cache hit ratio", "percentunit")
                .about("Share of block reads served from shared buffers; below ~0.99 needs memory.")
                .from("postgres")
                .query(
                    ratio(
                        sumRate("instance", "pg_stat_database_blks_hit{" + PG + "}"),
                        "sum by (instance) ("
                            + Promql.rate("pg_stat_database_blks_hit{" + PG + "}")
                            + " + "
                            + Promql.rate("pg_stat_database_blks_read{" + PG + "}")
                            + ")"),
                    "{{instance}}")
                .build(),
            timeseries("Slowest tables (query p99)", "s")
                .about("99th percentile query time of the ten slowest tables.")
                .from("backend")
                .query(
                    "topk(10, " + quantile(0.99, "db_query_duration_seconds", API, "table") + ")",
                    "{{table}}")
                .build(),
            timeseries("Transactions", "ops")
                .about("Commits and rollbacks per second.")
                .from("postgres")
                .query(
                    sumRate("instance", "pg_stat_database_xact_commit{" + PG + "}"),
                    "{{instance}} commit")
                .query(
                    sumRate("instance", "pg_stat_database_xact_rollback{" + PG + "}"),
                    "{{instance}} rollback")
                .build(),
            timeseries("Replication lag", "s")
                .about("How far replicas are behind the primary. Red line: DatabaseReplicationLag.")
                .from("postgres")
                .thresholds(levels.above("DatabaseReplicationLag"))
                .query("max by (instance) (pg_replication_lag_seconds{" + PG + "})", "{{instance}}")
                .build()));
  }
}
