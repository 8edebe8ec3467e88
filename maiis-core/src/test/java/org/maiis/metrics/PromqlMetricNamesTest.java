package org.maiis.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromqlMetricNamesTest {
  private static List<String> names(String expr) {
    return List.copyOf(PromqlMetricNames.of(expr));
  }

  @Test
  void findsMetricsButNotFunctionsLabelsOrDurations() {
    assertEquals(
        List.of("http_requests_total"),
        names(
            "sum by (job) (rate(http_requests_total{status=~\"5..\", endpoint!=\"/x\"}[5m]))"
                + " / on(job) group_left sum by (job) (rate(http_requests_total[5m])) > 0.05"));
    assertEquals(
        List.of("http_request_duration_seconds_bucket"),
        names(
            "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket"
                + "[$__rate_interval]))) > 2"));
    assertEquals(
        List.of("redis_memory_used_bytes", "redis_memory_max_bytes"),
        names(
            "redis_memory_used_bytes / redis_memory_max_bytes > 0.85 and redis_memory_max_bytes"
                + " > 0"));
    assertEquals(
        List.of("node_filesystem_avail_bytes"),
        names("node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"} offset 1h < 1e9"));
    assertEquals(List.of("x_total"), names("{__name__=\"x_total\"}"));
    assertEquals(Set.of(), PromqlMetricNames.of("vector(1)"));
  }
}
