package org.maiis.metrics;

import static org.maiis.metrics.AppMetricDefinitions.*;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Machine CPU, memory and disk, read at scrape time (callbacks, so nothing polls in between). Base
 * units: ratios 0-1 and bytes. Values the platform cannot read are left out rather than faked.
 */
final class SystemMetrics {
  static final List<String> NAMES = List.of(CPU_RATIO, MEMORY_USED, MEMORY_AVAILABLE, DISK_RATIO);

  private SystemMetrics() {}

  static void register(PrometheusRegistry registry, Path dataDir) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      GaugeWithCallback.builder()
          .name(CPU_RATIO)
          .help(help(CPU_RATIO))
          .callback(
              cb -> {
                double load = sun.getCpuLoad();
                if (load >= 0) {
                  cb.call(load);
                }
              })
          .register(registry);
      GaugeWithCallback.builder()
          .name(MEMORY_USED)
          .help(help(MEMORY_USED))
          .callback(cb -> cb.call(sun.getTotalMemorySize() - sun.getFreeMemorySize()))
          .register(registry);
      GaugeWithCallback.builder()
          .name(MEMORY_AVAILABLE)
          .help(help(MEMORY_AVAILABLE))
          .callback(cb -> cb.call(sun.getFreeMemorySize()))
          .register(registry);
    }
    GaugeWithCallback.builder()
        .name(DISK_RATIO)
        .help(help(DISK_RATIO))
        .callback(
            cb -> {
              try {
                FileStore store = Files.getFileStore(existingAncestor(dataDir));
                long total = store.getTotalSpace();
                if (total > 0) {
                  cb.call((double) (total - store.getUsableSpace()) / total);
                }
              } catch (IOException e) {
                // An unreadable disk yields no sample rather than a made-up one.
              }
            })
        .register(registry);
  }

  private static Path existingAncestor(Path p) {
    Path current = p.toAbsolutePath();
    while (current != null && !Files.exists(current)) {
      current = current.getParent();
    }
    return current == null ? Path.of("/") : current;
  }

  private static String help(String name) {
    return AppMetricDefinitions.all().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow()
        .help();
  }
}
