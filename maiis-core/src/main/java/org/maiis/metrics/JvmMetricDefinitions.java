package org.maiis.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Catalog entries for the JVM and process metrics of client_java's {@code JvmMetrics}. A test
 * registers the real collectors and checks this list against what they expose, so an upgrade that
 * renames one cannot go unnoticed.
 */
final class JvmMetricDefinitions {
  private JvmMetricDefinitions() {}

  static List<MetricSpec> all() {
    List<MetricSpec> m = new ArrayList<>();
    String[] bufferPool = {"pool"};
    m.add(
        gauge(
            "jvm_buffer_pool_capacity_bytes", "Bytes capacity of a JVM buffer pool.", bufferPool));
    m.add(gauge("jvm_buffer_pool_used_buffers", "Used buffers of a JVM buffer pool.", bufferPool));
    m.add(gauge("jvm_buffer_pool_used_bytes", "Used bytes of a JVM buffer pool.", bufferPool));
    m.add(gauge("jvm_classes_currently_loaded", "Classes currently loaded."));
    m.add(counter("jvm_classes_loaded_total", "Classes loaded since the JVM started."));
    m.add(counter("jvm_classes_unloaded_total", "Classes unloaded since the JVM started."));
    m.add(counter("jvm_compilation_time_seconds_total", "Time spent in JIT compilation."));
    m.add(
        new MetricSpec(
            "jvm_gc_collection_seconds",
            MetricType.SUMMARY,
            "Time spent in a garbage collector.",
            List.of(LabelSpec.open("gc", 10)),
            List.of(),
            MetricSource.JVM,
            "jvm"));
    String[] area = {"area"};
    m.add(gauge("jvm_memory_committed_bytes", "Committed bytes of a JVM memory area.", area));
    m.add(gauge("jvm_memory_init_bytes", "Initial bytes of a JVM memory area.", area));
    m.add(gauge("jvm_memory_max_bytes", "Max bytes of a JVM memory area.", area));
    m.add(gauge("jvm_memory_used_bytes", "Used bytes of a JVM memory area.", area));
    m.add(gauge("jvm_memory_objects_pending_finalization", "Objects waiting for finalization."));
    String[] pool = {"pool"};
    m.add(counter("jvm_memory_pool_allocated_bytes_total", "Bytes allocated in a pool.", pool));
    for (String what : List.of("committed", "init", "max", "used")) {
      m.add(
          gauge(
              "jvm_memory_pool_collection_" + what + "_bytes",
              what + " bytes of a memory pool after the last collection.",
              pool));
      m.add(gauge("jvm_memory_pool_" + what + "_bytes", what + " bytes of a memory pool.", pool));
    }
    m.add(
        new MetricSpec(
            "jvm_runtime_info",
            MetricType.INFO,
            "JVM runtime info.",
            List.of(
                LabelSpec.open("runtime", 2),
                LabelSpec.open("vendor", 2),
                LabelSpec.open("version", 2)),
            List.of(),
            MetricSource.JVM,
            "jvm"));
    m.add(gauge("jvm_threads_current", "Current thread count."));
    m.add(gauge("jvm_threads_daemon", "Daemon thread count."));
    m.add(gauge("jvm_threads_deadlocked", "Threads deadlocked on monitors or synchronizers."));
    m.add(gauge("jvm_threads_deadlocked_monitor", "Threads deadlocked on monitors."));
    m.add(gauge("jvm_threads_peak", "Peak thread count."));
    m.add(counter("jvm_threads_started_total", "Threads started since the JVM started."));
    m.add(gauge("jvm_threads_state", "Threads by state.", "state"));
    m.add(counter("process_cpu_seconds_total", "User and system CPU time."));
    m.add(gauge("process_max_fds", "Maximum number of open file descriptors."));
    m.add(gauge("process_open_fds", "Number of open file descriptors."));
    m.add(gauge("process_resident_memory_bytes", "Resident memory size."));
    m.add(gauge("process_start_time_seconds", "Process start time, Unix seconds."));
    m.add(gauge("process_virtual_memory_bytes", "Virtual memory size."));
    return m;
  }

  private static MetricSpec gauge(String name, String help, String... labels) {
    return spec(name, MetricType.GAUGE, help, labels);
  }

  private static MetricSpec counter(String name, String help, String... labels) {
    return spec(name, MetricType.COUNTER, help, labels);
  }

  private static MetricSpec spec(String name, MetricType type, String help, String... labels) {
    List<LabelSpec> l = new ArrayList<>();
    for (String label : labels) {
      l.add(LabelSpec.open(label, 30));
    }
    return new MetricSpec(name, type, help, l, List.of(), MetricSource.JVM, "jvm");
  }
}
