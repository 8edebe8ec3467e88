package org.maiis.render.grafana;

import static org.maiis.render.grafana.PanelBuilder.timeseries;
import static org.maiis.render.grafana.Promql.ratio;
import static org.maiis.render.grafana.Promql.sumRate;

import java.util.List;

/** Hosts (node_exporter), containers (cAdvisor) and scrape targets. */
final class SystemOverviewDashboard {
  private SystemOverviewDashboard() {}

  static final String UID = "maiis-system-overview";

  /** Filesystems that are not disks: without this filter tmpfs and overlay fill the panel. */
  static final String REAL_FILESYSTEMS =
      "fstype!~\"tmpfs|overlay|squashfs|ramfs|devtmpfs|nsfs|fuse.lxcfs\"";

  private static final String NODE = "job=\"node\",instance=~\"$instance\"";
  private static final String IFACES = "device!~\"lo|veth.*|docker.*|br-.*\"";
  private static final String CONTAINERS = "job=\"cadvisor\",name!=\"\"";

  static Dashboard build(AlertLevels levels) {
    String fs = NODE + "," + REAL_FILESYSTEMS;
    return new Dashboard(
        UID,
        "System Overview",
        "CPU, memory, disk and network per host; CPU and memory per container; which scrape targets"
            + " are up.",
        List.of("maiis", "system"),
        List.of(new Variable("instance", "Host", "up{job=\"node\"}", "instance")),
        List.of(
            timeseries("CPU usage per host", "percentunit")
                .about("Share of CPU time not idle, all cores. Red line: HighCPUUsage.")
                .from("node")
                .thresholds(levels.above("HighCPUUsage"))
                .query(
                    "1 - avg by (instance) ("
                        + Promql.rate("node_cpu_seconds_total{" + NODE + ",mode=\"idle\"}")
                        + ")",
                    "{{instance}}")
                .build(),
            timeseries("Memory usage per host", "percentunit")
                .about("1 - MemAvailable / MemTotal. Red line: HighMemoryUsage.")
                .from("node")
                .thresholds(levels.above("HighMemoryUsage"))
                .query(
                    "1 - "
                        + ratio(
                            "node_memory_MemAvailable_bytes{" + NODE + "}",
                            "node_memory_MemTotal_bytes{" + NODE + "}"),
                    "{{instance}}")
                .build(),
            timeseries("Disk usage per mountpoint", "percentunit")
                .about(
                    "Used share of each real filesystem (tmpfs, overlay and other pseudo"
                        + " filesystems excluded). Red line: DiskSpaceLow.")
                .from("node")
                .thresholds(levels.above("DiskSpaceLow"))
                .query(
                    "1 - "
                        + ratio(
                            "node_filesystem_avail_bytes{" + fs + "}",
                            "node_filesystem_size_bytes{" + fs + "}"),
                    "{{instance}} {{mountpoint}}")
                .build(),
            timeseries("Network I/O per host", "Bps")
                .about("Bytes received and sent on physical interfaces.")
                .from("node")
                .query(
                    sumRate(
                        "instance",
                        "node_network_receive_bytes_total{" + NODE + "," + IFACES + "}"),
                    "{{instance}} received")
                .query(
                    sumRate(
                        "instance",
                        "node_network_transmit_bytes_total{" + NODE + "," + IFACES + "}"),
                    "{{instance}} sent")
                .build(),
            timeseries("Container CPU (cores)", "short")
                .about("CPU per container, in cores (1 is one full core).")
                .from("cadvisor")
                .query(
                    sumRate("name", "container_cpu_usage_seconds_total{" + CONTAINERS + "}"),
                    "{{name}}")
                .build(),
            timeseries("Container memory", "bytes")
                .about("Working set per container (what the OOM killer looks at).")
                .from("cadvisor")
                .query(
                    "sum by (name) (container_memory_working_set_bytes{" + CONTAINERS + "})",
                    "{{name}}")
                .build(),
            PanelBuilder.stat("Targets up by job", "none")
                .about("Scrape targets answering, per job. Fewer than expected: see ServiceDown.")
                .query("sum by (job) (up)", "{{job}}")
                .build(),
            PanelBuilder.stat("Targets down by job", "none")
                .about("Scrape targets not answering, per job.")
                .thresholds(Thresholds.above(1))
                .query("count by (job) (up == 0) or sum by (job) (up * 0)", "{{job}}")
                .build()));
  }
}
