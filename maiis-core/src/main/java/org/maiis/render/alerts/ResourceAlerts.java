package org.maiis.render.alerts;

import static org.maiis.render.alerts.Fixtures.sel;

import java.util.List;
import java.util.Map;

/** Hosts, databases, caches and the JVM running out of something. */
final class ResourceAlerts {
  private ResourceAlerts() {}

  static final String GROUP = "resources";

  /** Filesystems that are real disks: tmpfs, overlay and friends fill up and empty by design. */
  static final String REAL_FS =
      "fstype!~\"tmpfs|overlay|squashfs|ramfs|devtmpfs|nsfs|fuse.lxcfs\",mountpoint!~\"/(run|proc|sys|dev)($|/).*\"";

  private static final String NODE = "node-1:9100";

  static List<AlertRule> rules(AlertContext c) {
    return List.of(
        highCpu(c),
        highMemory(c),
        disk(c, "DiskSpaceLow", Severity.WARNING),
        disk(c, "DiskSpaceCritical", Severity.CRITICAL),
        databaseConnections(c),
        Shapes.gaugeAbove(
            c,
            "DatabaseReplicationLag",
            GROUP,
            "pg_replication_lag_seconds",
            "postgres",
            "db-2:9187",
            "replication lag",
            "s",
            "A replica applies WAL too slowly or lost its connection to the primary. Reads from it are stale. "
                + "Check the replica's disk and network and pg_stat_replication on the primary."),
        redisMemory(c),
        Shapes.gaugeAbove(
            c,
            "HighRedisConnections",
            GROUP,
            "redis_connected_clients",
            "redis",
            "cache-1:9121",
            "Redis client count",
            "",
            "More clients than expected: a connection leak or more API instances than planned. Compare with the "
                + "number of instances times the pool size."),
        poolExhausted(c),
        jvmHeap(c));
  }

  private static AlertRule highCpu(AlertContext c) {
    String name = "HighCPUUsage";
    double t = c.t(name);
    double busy = Fixtures.above(t);
    return Shapes.ratioAbove(
        c,
        name,
        GROUP,
        "1 - avg by (instance) (rate(node_cpu_seconds_total{job=\"node\",mode=\"idle\"}[5m]))",
        List.of(idle(1 - busy)),
        List.of(idle(1 - t / 2)),
        Map.of("instance", NODE),
        "CPU usage",
        "instance",
        busy,
        "The host is CPU bound; latency rises. Find the busy process (System Overview dashboard, top) and scale "
            + "out the API or move work off the host.",
        new String[] {"node_cpu_seconds_total"},
        "node");
  }

  private static Series idle(double idleRatio) {
    return Series.counter(
        sel("node_cpu_seconds_total", "job", "node", "instance", NODE, "cpu", "0", "mode", "idle"),
        idleRatio);
  }

  private static AlertRule highMemory(AlertContext c) {
    String name = "HighMemoryUsage";
    double t = c.t(name);
    double used = Fixtures.above(t);
    return Shapes.ratioAbove(
        c,
        name,
        GROUP,
        "1 - node_memory_MemAvailable_bytes{job=\"node\"} / node_memory_MemTotal_bytes{job=\"node\"}",
        memory(used),
        memory(t / 2),
        Map.of("job", "node", "instance", NODE),
        "memory usage",
        "instance",
        used,
        "Little memory is left for the page cache and new processes; the OOM killer is next. Check which "
            + "process grows (maiis serve's JVM heap is bounded by -Xmx).",
        new String[] {"node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes"},
        "node");
  }

  private static List<Series> memory(double usedRatio) {
    double total = 8_000_000_000.0;
    return List.of(
        Series.gauge(sel("node_memory_MemTotal_bytes", "job", "node", "instance", NODE), total),
        Series.gauge(
            sel("node_memory_MemAvailable_bytes", "job", "node", "instance", NODE),
            total * (1 - usedRatio)));
  }

  private static AlertRule disk(AlertContext c, String name, Severity severity) {
    double t = c.t(name);
    double used = Fixtures.above(t);
    String expr =
        "1 - node_filesystem_avail_bytes{job=\"node\","
            + REAL_FS
            + "}\n  / node_filesystem_size_bytes{job=\"node\","
            + REAL_FS
            + "}";
    Map<String, String> labels =
        Map.of(
            "job",
            "node",
            "instance",
            NODE,
            "device",
            "/dev/vda1",
            "fstype",
            "ext4",
            "mountpoint",
            "/");
    return c.rule(name, GROUP, severity)
        .expr(expr + "\n> " + c.n(name))
        .summary("A disk is filling up")
        .description(
            "{{ $labels.mountpoint }} on {{ $labels.instance }} is {{ $value | humanizePercentage }} full (threshold "
                + PromFormat.percentage(t)
                + ").")
        .meaning(
            "When the disk is full, PostgreSQL stops, uploads fail and logs are lost. Find what grows "
                + "(du -xh --max-depth=2 /), rotate logs, move data, or grow the volume.")
        .metrics("node_filesystem_avail_bytes", "node_filesystem_size_bytes")
        .sources("node")
        .test(
            filesystems(used),
            filesystems(t / 2),
            labels,
            "/ on "
                + NODE
                + " is "
                + PromFormat.percentage(used)
                + " full (threshold "
                + PromFormat.percentage(t)
                + ").");
  }

  /** The root disk at {@code usedRatio}, plus a full tmpfs that must never alert. */
  private static List<Series> filesystems(double usedRatio) {
    double size = 100_000_000_000.0;
    return List.of(
        Series.gauge(
            sel(
                "node_filesystem_size_bytes",
                "job",
                "node",
                "instance",
                NODE,
                "device",
                "/dev/vda1",
                "fstype",
                "ext4",
                "mountpoint",
                "/"),
            size),
        Series.gauge(
            sel(
                "node_filesystem_avail_bytes",
                "job",
                "node",
                "instance",
                NODE,
                "device",
                "/dev/vda1",
                "fstype",
                "ext4",
                "mountpoint",
                "/"),
            size * (1 - usedRatio)),
        Series.gauge(
            sel(
                "node_filesystem_size_bytes",
                "job",
                "node",
                "instance",
                NODE,
                "device",
                "tmpfs",
                "fstype",
                "tmpfs",
                "mountpoint",
                "/run"),
            1_000_000),
        Series.gauge(
            sel(
                "node_filesystem_avail_bytes",
                "job",
                "node",
                "instance",
                NODE,
                "device",
                "tmpfs",
                "fstype",
                "tmpfs",
                "mountpoint",
                "/run"),
            0));
  }

  private static AlertRule databaseConnections(AlertContext c) {
    String name = "HighDatabaseConnections";
    double t = c.t(name);
    double used = Fixtures.above(t);
    return Shapes.ratioAbove(
        c,
        name,
        GROUP,
        "sum by (instance) (pg_stat_activity_count{job=\"postgres\"})\n  / on (instance) (max by (instance) (pg_settings_max_connections{job=\"postgres\"}) > 0)\n",
        connections(used),
        connections(t / 2),
        Map.of("instance", "db-1:9187"),
        "PostgreSQL connection usage",
        "instance",
        used,
        "New connections will soon be refused. Check for leaked connections (pg_stat_activity by application and "
            + "state) and that the API pools (server.database.pool_size times instances) fit max_connections.",
        new String[] {"pg_stat_activity_count", "pg_settings_max_connections"},
        "postgres");
  }

  private static List<Series> connections(double ratio) {
    return List.of(
        Series.gauge(
            sel("pg_settings_max_connections", "job", "postgres", "instance", "db-1:9187"), 100),
        Series.gauge(
            sel(
                "pg_stat_activity_count",
                "job",
                "postgres",
                "instance",
                "db-1:9187",
                "datname",
                "maiis",
                "state",
                "active"),
            60 * ratio),
        Series.gauge(
            sel(
                "pg_stat_activity_count",
                "job",
                "postgres",
                "instance",
                "db-1:9187",
                "datname",
                "maiis",
                "state",
                "idle"),
            40 * ratio));
  }

  private static AlertRule redisMemory(AlertContext c) {
    String name = "HighRedisMemoryUsage";
    double t = c.t(name);
    double used = Fixtures.above(t);
    return Shapes.ratioAbove(
        c,
        name,
        GROUP,
        "redis_memory_used_bytes{job=\"redis\"} / (redis_memory_max_bytes{job=\"redis\"} > 0)",
        redis(used, 1e9),
        List.of(
            redis(t / 2, 1e9).get(0),
            redis(t / 2, 1e9).get(1),
            redisUnbounded().get(0),
            redisUnbounded().get(1)),
        Map.of("job", "redis", "instance", "cache-1:9121"),
        "Redis memory usage",
        "instance",
        used,
        "Redis is close to maxmemory and will evict keys or refuse writes (sessions, rate limits). Check the "
            + "eviction policy and the largest keys (redis-cli --bigkeys).",
        new String[] {"redis_memory_used_bytes", "redis_memory_max_bytes"},
        "redis");
  }

  private static List<Series> redis(double ratio, double max) {
    return List.of(
        Series.gauge(
            sel("redis_memory_max_bytes", "job", "redis", "instance", "cache-1:9121"), max),
        Series.gauge(
            sel("redis_memory_used_bytes", "job", "redis", "instance", "cache-1:9121"),
            max * ratio));
  }

  /** A Redis without maxmemory (reported as 0): must never alert, however much it uses. */
  private static List<Series> redisUnbounded() {
    return List.of(
        Series.gauge(sel("redis_memory_max_bytes", "job", "redis", "instance", "cache-2:9121"), 0),
        Series.gauge(
            sel("redis_memory_used_bytes", "job", "redis", "instance", "cache-2:9121"), 5e9));
  }

  private static AlertRule poolExhausted(AlertContext c) {
    String name = "DatabasePoolExhausted";
    double t = c.t(name);
    double used = Fixtures.above(t);
    return Shapes.ratioAbove(
        c,
        name,
        GROUP,
        "sum by (instance) (db_connections_active{job=\"backend\"})\n  / (sum by (instance) (db_connections_active{job=\"backend\"} + db_connections_idle{job=\"backend\"}) > 0)\n",
        pool(used),
        pool(t / 2),
        Map.of("instance", "app-1:8000"),
        "database pool usage",
        "instance",
        used,
        "Requests wait for a database connection. Look for slow queries (SlowDatabaseQueries) and long "
            + "transactions, or raise server.database.pool_size within PostgreSQL's max_connections.",
        new String[] {"db_connections_active", "db_connections_idle"},
        "backend");
  }

  private static List<Series> pool(double ratio) {
    return List.of(
        Series.gauge(
            sel("db_connections_active", "job", "backend", "instance", "app-1:8000"), 20 * ratio),
        Series.gauge(
            sel("db_connections_idle", "job", "backend", "instance", "app-1:8000"),
            20 * (1 - ratio)));
  }

  private static AlertRule jvmHeap(AlertContext c) {
    String name = "JVMHeapHigh";
    double t = c.t(name);
    double used = Fixtures.above(t);
    return Shapes.ratioAbove(
        c,
        name,
        GROUP,
        "jvm_memory_used_bytes{job=\"backend\",area=\"heap\"}\n  / (jvm_memory_max_bytes{job=\"backend\",area=\"heap\"} > 0)\n",
        heap(used),
        heap(t / 2),
        Map.of("job", "backend", "instance", "app-1:8000", "area", "heap"),
        "JVM heap usage",
        "instance",
        used,
        "The API's heap is nearly full: long GC pauses, then OutOfMemoryError. Check for a leak (heap grows "
            + "without dropping after GC) or raise -Xmx.",
        new String[] {"jvm_memory_used_bytes", "jvm_memory_max_bytes"},
        "backend");
  }

  private static List<Series> heap(double ratio) {
    double max = 1_073_741_824.0;
    return List.of(
        Series.gauge(
            sel("jvm_memory_max_bytes", "job", "backend", "instance", "app-1:8000", "area", "heap"),
            max),
        Series.gauge(
            sel(
                "jvm_memory_used_bytes",
                "job",
                "backend",
                "instance",
                "app-1:8000",
                "area",
                "heap"),
            max * ratio));
  }
}
