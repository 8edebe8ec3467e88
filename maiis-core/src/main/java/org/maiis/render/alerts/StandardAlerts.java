package org.maiis.render.alerts;

import static org.maiis.render.alerts.Fixtures.sel;

import java.util.List;
import java.util.Map;
import org.maiis.metrics.CertificateMetrics;

/**
 * The alerts every production stack carries, after the monitoring mixins (node-mixin,
 * kubernetes-mixin, prometheus-mixin) and awesome-prometheus-alerts: a dead man's switch, missing
 * renewal metrics, nginx down, restarting containers, inodes, disks filling, Redis evictions,
 * PostgreSQL deadlocks, GC pauses and file descriptors.
 */
final class StandardAlerts {
  private StandardAlerts() {}

  private static final String NODE = Target.NODE.get("instance");
  private static final String APP = Target.APP.get("instance");

  static List<AlertRule> rules(AlertContext c) {
    return List.of(
        watchdog(c),
        renewalMetricsAbsent(c),
        nginxDown(c),
        containerRestarting(c),
        inodes(c),
        diskWillFill(c),
        redisEvictions(c),
        postgresDeadlocks(c),
        gcPauses(c),
        fileDescriptors(c));
  }

  /**
   * Always fires while Prometheus scrapes itself and evaluates rules; a dead man's switch outside
   * (routed to the watchdog receiver) pages when it stops arriving.
   */
  private static AlertRule watchdog(AlertContext c) {
    return c.rule("Watchdog", MonitoringAlerts.GROUP, Severity.INFO)
        .expr("up{job=\"prometheus\"} == 1")
        .summary("The alerting pipeline works (always firing)")
        .description(
            "Prometheus {{ $labels.instance }} evaluates rules and delivers alerts. This alert always"
                + " fires; its absence at the dead man's switch is the alarm.")
        .meaning(
            "Not a problem: this alert fires all the time, so that its absence can page. Point the "
                + "watchdog receiver (the webhook receiver) at a dead man's switch service that pages "
                + "when no notification arrives for a while. If it stops: Prometheus is down, cannot "
                + "scrape itself, cannot evaluate rules, or cannot reach Alertmanager.")
        .metrics("up")
        .sources("prometheus")
        .testGauge(
            MonitoringAlerts.PROMETHEUS,
            "up",
            1,
            0,
            "Prometheus 127.0.0.1:9090 evaluates rules and delivers alerts. This alert always"
                + " fires; its absence at the dead man's switch is the alarm.");
  }

  /** No renewal metrics at all: the alerts on renewal failures and expiry are blind. */
  private static AlertRule renewalMetricsAbsent(AlertContext c) {
    String metric = CertificateMetrics.LAST_ATTEMPT_TIMESTAMP;
    String up = sel("up", "job", "node", "instance", "web-1:9100");
    return c.rule("CertificateRenewalMetricsAbsent", CertificateAlerts.GROUP, Severity.WARNING)
        .expr("absent(" + metric + ")")
        .summary("No certificate renewal metrics")
        .description(
            "No series of "
                + metric
                + " for {{ with $labels.job }}{{ . }}{{ else }}any job{{ end }}: renewal never ran"
                + " on a scraped host, or its metrics are not collected.")
        .meaning(
            "Without these series CertificateRenewalFailing and CertificateRenewalNotRunning can "
                + "never fire. Run 'maiis ssl renew' once on the host, check that node_exporter's "
                + "textfile collector reads the directory 'maiis ssl schedule' writes to, or that "
                + "'maiis serve' has the certificate directory (--cert-dir).")
        .metrics(metric)
        .sources("backend", "node")
        .test(
            List.of(Series.gauge(up, 1)),
            List.of(
                Series.gauge(up, 1),
                new Series(
                    sel(metric, "job", "node", "instance", "web-1:9100", "lineage", "bank"),
                    0,
                    60)),
            Map.of(),
            "No series of "
                + metric
                + " for any job: renewal never ran on a scraped host, or its metrics are not"
                + " collected.");
  }

  private static AlertRule nginxDown(AlertContext c) {
    return c.rule("NginxDown", AvailabilityAlerts.GROUP, Severity.CRITICAL)
        .expr("nginx_up{job=\"nginx\"} == 0")
        .summary("nginx does not answer its exporter")
        .description(
            "The exporter {{ $labels.instance }} cannot read nginx's stub_status: the front door is"
                + " down or its status server is not listening.")
        .meaning(
            "The exporter runs but nginx does not answer it: users get connection errors. Check "
                + "'systemctl status nginx', 'nginx -t' and the error log; the status server listens on "
                + "nginx.listen.status (127.0.0.1 only).")
        .metrics("nginx_up")
        .sources("nginx")
        .testGauge(
            new Target("job", "nginx", "instance", "127.0.0.1:9113"),
            "nginx_up",
            0,
            1,
            "The exporter 127.0.0.1:9113 cannot read nginx's stub_status: the front door is"
                + " down or its status server is not listening.");
  }

  /**
   * cAdvisor has no restart counter: a container's start time changes at every restart. A fixed
   * count: with one sample per scrape, a 15-minute window cannot count much more.
   */
  private static AlertRule containerRestarting(AlertContext c) {
    String metric = "container_start_time_seconds";
    Target api = new Target("job", "cadvisor", "instance", "127.0.0.1:8080", "name", "maiis-api");
    String series = api.sel(metric);
    return c.rule("ContainerRestarting", ResourceAlerts.GROUP, Severity.WARNING)
        .expr("changes(" + metric + "{job=\"cadvisor\",name!=\"\"}[15m]) > 2")
        .summary("A container keeps restarting")
        .description(
            "Container {{ $labels.name }} on {{ $labels.instance }} restarted {{ printf \"%.0f\""
                + " $value }} times in 15 minutes.")
        .meaning(
            "More than two restarts in 15 minutes: a crash loop, the service is down most of the "
                + "time. 'docker logs --tail 100 NAME' shows why it exits (often a config error, a "
                + "missing secret file, or OOM: check 'docker inspect NAME' for OOMKilled).")
        .metrics(metric)
        .sources("cadvisor")
        .test(
            // A restart every minute, or none.
            List.of(new Series(series, 1_000, 60)),
            List.of(Series.gauge(series, 1_000)),
            api.labels(),
            "Container maiis-api on 127.0.0.1:8080 restarted 15 times in 15 minutes.");
  }

  private static AlertRule inodes(AlertContext c) {
    String name = "FilesystemInodesLow";
    double t = c.t(name);
    double used = Fixtures.above(t);
    String fs = "{job=\"node\"," + ResourceAlerts.REAL_FS + "}";
    return c.rule(name, ResourceAlerts.GROUP, Severity.WARNING)
        .expr(
            "1 - node_filesystem_files_free"
                + fs
                + "\n  / (node_filesystem_files"
                + fs
                + " > 0)\n> "
                + c.n(name))
        .summary("A filesystem runs out of inodes")
        .description(
            "{{ $labels.mountpoint }} on {{ $labels.instance }} has used {{ $value |"
                + " humanizePercentage }} of its inodes (threshold "
                + PromFormat.percentage(t)
                + ").")
        .meaning(
            "With no inodes left no file can be created although space is free. Usually many small "
                + "files: find the directory ('find / -xdev -type f | cut -d/ -f2-3 | sort | uniq -c | "
                + "sort -n | tail') and clean caches, sessions or temp files.")
        .metrics("node_filesystem_files_free", "node_filesystem_files")
        .sources("node")
        .test(
            inodeSeries(used),
            inodeSeries(t / 2),
            Target.ROOT_DISK.labels(),
            "/ on "
                + NODE
                + " has used "
                + PromFormat.percentage(used)
                + " of its inodes (threshold "
                + PromFormat.percentage(t)
                + ").");
  }

  private static List<Series> inodeSeries(double usedRatio) {
    double files = 1_000_000;
    return List.of(
        Target.ROOT_DISK.gauge("node_filesystem_files", files),
        Target.ROOT_DISK.gauge("node_filesystem_files_free", files * (1 - usedRatio)));
  }

  /** node-mixin's NodeFilesystemSpaceFillingUp: the 6 h trend reaches zero within the threshold. */
  private static AlertRule diskWillFill(AlertContext c) {
    String name = "DiskWillFillSoon";
    double hours = c.t(name);
    String fs = "{job=\"node\"," + ResourceAlerts.REAL_FS + "}";
    double size = 100e9;
    // A steady fall that leaves 1 % free when promtool checks, steep enough that the forecast
    // crossed zero more than 'for' earlier (config validate keeps the horizon above 'for').
    long checkedAt = c.forOf(name).toMinutes() + 6 * 60 + 10;
    double left = 1e9;
    double perMinute = Math.ceil(2 * left / (hours * 60 - c.forOf(name).toMinutes() - 5));
    double start = left + perMinute * checkedAt;
    return c.rule(name, ResourceAlerts.GROUP, Severity.WARNING)
        .expr(
            "node_filesystem_avail_bytes"
                + fs
                + " / node_filesystem_size_bytes"
                + fs
                + " < 0.4\nand\npredict_linear(node_filesystem_avail_bytes"
                + fs
                + "[6h], "
                + c.n(name)
                + " * 3600) < 0")
        .summary("A disk will be full within hours")
        .description(
            "{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage"
                + " }} free and, at the rate of the last 6 hours, fills up within "
                + PromFormat.number(hours)
                + " hours.")
        .meaning(
            "Earlier than DiskSpaceLow when something writes fast (logs, uploads, a runaway temp "
                + "file). Find what grows (du -xh --max-depth=2 /) and stop it before the disk is "
                + "full and PostgreSQL stops.")
        .metrics("node_filesystem_avail_bytes", "node_filesystem_size_bytes")
        .sources("node")
        .test(
            List.of(
                Target.ROOT_DISK.gauge("node_filesystem_size_bytes", size),
                new Series(Target.ROOT_DISK.sel("node_filesystem_avail_bytes"), start, -perMinute)),
            List.of(
                Target.ROOT_DISK.gauge("node_filesystem_size_bytes", size),
                Target.ROOT_DISK.gauge("node_filesystem_avail_bytes", 20e9)),
            Target.ROOT_DISK.labels(),
            "/ on "
                + NODE
                + " has "
                + PromFormat.percentage(left / size)
                + " free and, at the rate of the last 6 hours, fills up within "
                + PromFormat.number(hours)
                + " hours.");
  }

  private static AlertRule redisEvictions(AlertContext c) {
    return Shapes.increaseAbove(
        c,
        "RedisEvictingKeys",
        "redis_evicted_keys_total",
        "{job=\"redis\"}",
        new Target("job", "redis", "instance", "127.0.0.1:9121"),
        "Redis evicts keys",
        "Redis {{ $labels.instance }} evicted {{ printf \"%.0f\" $value }} keys in 5 minutes.",
        "Redis is at maxmemory and drops keys: sessions, throttles and caches vanish early (a "
            + "dropped throttle key weakens a rate limit). Raise maxmemory or find what fills it "
            + "('redis-cli --bigkeys').",
        count -> "Redis 127.0.0.1:9121 evicted " + count + " keys in 5 minutes.");
  }

  private static AlertRule postgresDeadlocks(AlertContext c) {
    return Shapes.increaseAbove(
        c,
        "PostgreSQLDeadlocks",
        "pg_stat_database_deadlocks",
        "{job=\"postgres\",datname!~\"template.*\"}",
        new Target("job", "postgres", "instance", "127.0.0.1:9187", "datname", "maiis"),
        "PostgreSQL resolves deadlocks",
        "Database {{ $labels.datname }} on {{ $labels.instance }} had {{ printf \"%.0f\" $value"
            + " }} deadlocks in 5 minutes.",
        "Two transactions locked rows in opposite orders; PostgreSQL aborted one (the client "
            + "got an error and should retry). Transfers lock both accounts in id order, so a "
            + "deadlock points at new code or manual SQL: the PostgreSQL log shows both statements.",
        count -> "Database maiis on 127.0.0.1:9187 had " + count + " deadlocks in 5 minutes.");
  }

  private static AlertRule gcPauses(AlertContext c) {
    String name = "JVMGarbageCollectionHigh";
    double t = c.t(name);
    double busy = Fixtures.above(t);
    String metric = "jvm_gc_collection_seconds_sum";
    return c.rule(name, ResourceAlerts.GROUP, Severity.WARNING)
        .expr("sum by (job, instance) (rate(" + metric + "{job=\"backend\"}[5m])) > " + c.n(name))
        .summary("The API spends its time in garbage collection")
        .description(
            "The API at {{ $labels.instance }} spends {{ $value | humanizePercentage }} of its time"
                + " in GC pauses (threshold "
                + PromFormat.percentage(t)
                + ").")
        .meaning(
            "Requests stall during the pauses. Usually the heap is too small for the load (see "
                + "JVMHeapHigh) or something allocates heavily: raise -Xmx, or take a heap histogram "
                + "('jcmd PID GC.class_histogram').")
        .metrics(metric)
        .sources("backend")
        .test(
            List.of(gc("G1 Young Generation", busy)),
            List.of(gc("G1 Young Generation", t / 2)),
            Target.APP.labels(),
            "The API at "
                + APP
                + " spends "
                + PromFormat.percentage(busy)
                + " of its time in GC pauses (threshold "
                + PromFormat.percentage(t)
                + ").");
  }

  private static Series gc(String collector, double secondsPerSecond) {
    return Series.counter(
        Target.APP.sel("jvm_gc_collection_seconds_sum", "gc", collector), secondsPerSecond);
  }

  private static AlertRule fileDescriptors(AlertContext c) {
    return Shapes.ratioAbove(
        c,
        "FileDescriptorsHigh",
        ResourceAlerts.GROUP,
        "process_open_fds{job=\"backend\"}\n  / (process_max_fds{job=\"backend\"} > 0)\n",
        StandardAlerts::fds,
        Target.APP.labels(),
        "file descriptor usage",
        "When the API reaches its limit it cannot accept connections or open files. Look for a "
            + "leak ('ls /proc/PID/fd | wc -l' growing), or raise LimitNOFILE in the service unit.",
        new String[] {"process_open_fds", "process_max_fds"},
        "backend");
  }

  private static List<Series> fds(double ratio) {
    double max = 65_536;
    return List.of(
        Target.APP.gauge("process_max_fds", max),
        Target.APP.gauge("process_open_fds", max * ratio));
  }
}
