package org.maiis.render.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Precomputed expressions that dashboards and several alerts share, named by the
 * level:metric:operations convention.
 */
public final class RecordingRules {
  private RecordingRules() {}

  /** API 95th percentile latency over 5 minutes. */
  public static final String API_P95 = "maiis:http_request_duration_seconds:p95_5m";

  /** API request rate per endpoint. */
  public static final String API_RATE_BY_ENDPOINT = "maiis:http_requests:rate5m_by_endpoint";

  /** The recording rule name of the 5xx ratio over {@code window}. */
  public static String errorRatio(String window) {
    return "maiis:http_error_ratio:rate" + window;
  }

  /** Every recording rule: name to expression. */
  public static Map<String, String> all() {
    Map<String, String> rules = new LinkedHashMap<>();
    rules.put(
        API_P95,
        "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"backend\"}[5m])))");
    rules.put(
        API_RATE_BY_ENDPOINT, "sum by (endpoint) (rate(http_requests_total{job=\"backend\"}[5m]))");
    for (String w : new String[] {"5m", "30m", "1h", "6h"}) {
      rules.put(
          errorRatio(w),
          "sum(rate(http_requests_total{job=\"backend\",status=~\"5..\"}["
              + w
              + "]))\n  / (sum(rate(http_requests_total{job=\"backend\"}["
              + w
              + "])) > 0)");
    }
    return rules;
  }
}
