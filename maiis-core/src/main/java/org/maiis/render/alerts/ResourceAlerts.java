package org.maiis.render.alerts;

import java.util.List;
import java.util.Map;

/** Hosts, databases, caches and the JVM running out of something. */
final class ResourceAlerts {
  private ResourceAlerts() {}

  static final String GROUP = "resources";

  /** Filesystems that are real disks: tmpfs, overlay and friends fill up and empty by design. */
  static final String REAL_FS =
      "fstype!~\"tmpfs|overlay|squashfs|ramfs|devtmpfs|nsfs|fuse.lxcfs\",mountpoint!~\"/(run|proc|sys|dev)($|/).*\"";

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
    return Shapes.ratioAbove(
        c,
        "HighCPUUsage",
        GROUP,
        "1 - avg by (instance) (rate(node_cpu_seconds_total{job=\"node\",mode=\"idle\"}[5m]))",
        busy -> List.of(idle(1 - busy)),
        Map.of("instance", Target.NODE.get("instance")),
        "CPU usage",
        "The host is CPU bound; latency rises. Find the busy process (System Overview dashboard, top) and scale "
            + "out the API or move work off the host.",
        new String[] {"node_cpu_seconds_total"},
        "node");
  }

  private static Series idle(double idleRatio) {
    return Series.counter(
        Target.NODE.sel("node_cpu_seconds_total", "cpu", "0", "mode", "idle"), idleRatio);
  }

  private static AlertRule highMemory(AlertContext c) {
    return Shapes.ratioAbove(
        c,
        "HighMemoryUsage",
        GROUP,
        "1 - node_memory_MemAvailable_bytes{job=\"node\"} / node_memory_MemTotal_bytes{job=\"node\"}",
        ResourceAlerts::memory,
        Target.NODE.labels(),
        "memory usage",
        "Little memory is left for the page cache and new processes; the OOM killer is next. Check which "
            + "process grows (maiis serve's JVM heap is bounded by -Xmx).",
        new String[] {"node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes"},
        "node");
  }

  private static List<Series> memory(double usedRatio) {
    double total = 8_000_000_000.0;
    return List.of(
        Target.NODE.gauge("node_memory_MemTotal_bytes", total),
        Target.NODE.gauge("node_memory_MemAvailable_bytes", total * (1 - usedRatio)));
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
            Target.ROOT_DISK.labels(),
            "/ on "
                + Target.NODE.get("instance")
                + " is "
                + PromFormat.percentage(used)
                + " full (threshold "
                + PromFormat.percentage(t)
                + ").");
  }

  /** The root disk at {@code usedRatio}, plus a full tmpfs that must never alert. */
  private static List<Series> filesystems(double usedRatio) {
    double size = 100_000_000_000.0;
    Target tmpfs = Target.NODE.with("device", "tmpfs", "fstype", "tmpfs", "mountpoint", "/run");
    return List.of(
        Target.ROOT_DISK.gauge("node_filesystem_size_bytes", size),
        Target.ROOT_DISK.gauge("node_filesystem_avail_bytes", size * (1 - usedRatio)),
        tmpfs.gauge("node_filesystem_size_bytes", 1_000_000),
        tmpfs.gauge("node_filesystem_avail_bytes", 0));
  }

  private static AlertRule databaseConnections(AlertContext c) {
    return Shapes.ratioAbove(
        c,
        "HighDatabaseConnections",
        GROUP,
        "sum by (instance) (pg_stat_activity_count{job=\"postgres\"})\n  / on (instance) (max by (instance) (pg_settings_max_connections{job=\"postgres\"}) > 0)\n",
        ResourceAlerts::connections,
        Map.of("instance", "db-1:9187"),
        "PostgreSQL connection usage",
        "New connections will soon be refused. Check for leaked connections (pg_stat_activity by application and "
            + "state) and that the API pools (server.database.pool_size times instances) fit max_connections.",
        new String[] {"pg_stat_activity_count", "pg_settings_max_connections"},
        "postgres");
  }

  private static List<Series> connections(double ratio) {
    Target db = new Target("job", "postgres", "instance", "db-1:9187");
    return List.of(
        db.gauge("pg_settings_max_connections", 100),
        Series.gauge(
            db.sel("pg_stat_activity_count", "datname", "maiis", "state", "active"), 60 * ratio),
        Series.gauge(
            db.sel("pg_stat_activity_count", "datname", "maiis", "state", "idle"), 40 * ratio));
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
        new Target("job", "redis", "instance", "cache-1:9121").labels(),
        "Redis memory usage",
        "instance",
        used,
        "Redis is close to maxmemory and will evict keys or refuse writes (sessions, rate limits). Check the "
            + "eviction policy and the largest keys (redis-cli --bigkeys).",
        new String[] {"redis_memory_used_bytes", "redis_memory_max_bytes"},
        "redis");
  }

  private static List<Series> redis(double ratio, double max) {
    Target cache = new Target("job", "redis", "instance", "cache-1:9121");
    return List.of(
        cache.gauge("redis_memory_max_bytes", max),
        cache.gauge("redis_memory_used_bytes", max * ratio));
  }

  /** A Redis without maxmemory (reported as 0): must never alert, however much it uses. */
  private static List<Series> redisUnbounded() {
    Target cache = new Target("job", "redis", "instance", "cache-2:9121");
    return List.of(
        cache.gauge("redis_memory_max_bytes", 0), cache.gauge("redis_memory_used_bytes", 5e9));
  }

  private static AlertRule poolExhausted(AlertContext c) {
    return Shapes.ratioAbove(
        c,
        "DatabasePoolExhausted",
        GROUP,
        "sum by (instance) (db_connections_active{job=\"backend\"})\n  / (sum by (instance) (db_connections_active{job=\"backend\"} + db_connections_idle{job=\"backend\"}) > 0)\n",
        ResourceAlerts::pool,
        Map.of("instance", "app-1:8000"),
        "database pool usage",
        "Requests wait for a database connection. Look for slow queries (SlowDatabaseQueries) and long "
            + "transactions, or raise server.database.pool_size within PostgreSQL's max_connections.",
        new String[] {"db_connections_active", "db_connections_idle"},
        "backend");
  }

  private static List<Series> pool(double ratio) {
    return List.of(
        Target.APP.gauge("db_connections_active", 20 * ratio),
        Target.APP.gauge("db_connections_idle", 20 * (1 - ratio)));
  }

  private static AlertRule jvmHeap(AlertContext c) {
    return Shapes.ratioAbove(
        c,
        "JVMHeapHigh",
        GROUP,
        "jvm_memory_used_bytes{job=\"backend\",area=\"heap\"}\n  / (jvm_memory_max_bytes{job=\"backend\",area=\"heap\"} > 0)\n",
        ResourceAlerts::heap,
        Target.APP.labels("area", "heap"),
        "JVM heap usage",
        "The API's heap is nearly full: long GC pauses, then OutOfMemoryError. Check for a leak (heap grows "
            + "without dropping after GC) or raise -Xmx.",
        new String[] {"jvm_memory_used_bytes", "jvm_memory_max_bytes"},
        "backend");
  }

  private static List<Series> heap(double ratio) {
    double max = 1_073_741_824.0;
    Target heap = Target.APP.with("area", "heap");
    return List.of(
        heap.gauge("jvm_memory_max_bytes", max), heap.gauge("jvm_memory_used_bytes", max * ratio));
  }
}
