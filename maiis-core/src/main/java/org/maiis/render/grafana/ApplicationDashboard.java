package org.maiis.render.grafana;

import static org.maiis.render.grafana.PanelBuilder.bars;
import static org.maiis.render.grafana.PanelBuilder.stat;
import static org.maiis.render.grafana.PanelBuilder.timeseries;
import static org.maiis.render.grafana.Promql.quantile;
import static org.maiis.render.grafana.Promql.ratio;
import static org.maiis.render.grafana.Promql.sumRate;

import java.util.List;
import org.maiis.render.alerts.RecordingRules;

/**
 * The platform API's RED view: rate, errors, duration, by route template ({@code endpoint}). The
 * two headline stats read the recording rules the alerts use, so they show what the alerts see.
 */
final class ApplicationDashboard {
  private ApplicationDashboard() {}

  static final String UID = "maiis-application";

  private static final String API = "job=\"backend\",instance=~\"$instance\"";
  private static final String REQUESTS = "http_requests_total";
  private static final String DURATION = "http_request_duration_seconds";

  static Dashboard build(AlertLevels levels) {
    Thresholds slow = levels.above("SlowAPIResponseTime");
    Thresholds errors = levels.above("HighAPIErrorRate");
    return new Dashboard(
        UID,
        "Application Performance",
        "Request rate, latency percentiles and errors of the platform API, per route template.",
        List.of("maiis", "api"),
        List.of(new Variable("instance", "Instance", "up{job=\"backend\"}", "instance")),
        List.of(
            stat("Error ratio now (all instances)", "percentunit")
                .about("5xx share over 5 minutes, the series HighAPIErrorRate evaluates.")
                .from("backend")
                .thresholds(errors)
                .query(RecordingRules.errorRatio("5m"), "5xx ratio")
                .build(),
            stat("p95 latency now (all instances)", "s")
                .about("95th percentile over 5 minutes, the series SlowAPIResponseTime evaluates.")
                .from("backend")
                .thresholds(slow)
                .query(RecordingRules.API_P95, "p95")
                .build(),
            timeseries("Request rate by status class", "reqps")
                .about("Requests per second, by 2xx/3xx/4xx/5xx.")
                .from("backend")
                .query(sumRate("", REQUESTS + "{" + API + ",status=~\"2..\"}"), "2xx")
                .query(sumRate("", REQUESTS + "{" + API + ",status=~\"3..\"}"), "3xx")
                .query(sumRate("", REQUESTS + "{" + API + ",status=~\"4..\"}"), "4xx")
                .query(sumRate("", REQUESTS + "{" + API + ",status=~\"5..\"}"), "5xx")
                .build(),
            timeseries("Latency p50 / p95 / p99", "s")
                .about("Request latency percentiles. Red line: SlowAPIResponseTime (p95).")
                .from("backend")
                .thresholds(slow)
                .query(quantile(0.50, DURATION, API, ""), "p50")
                .query(quantile(0.95, DURATION, API, ""), "p95")
                .query(quantile(0.99, DURATION, API, ""), "p99")
                .build(),
            timeseries("Error ratio (5xx)", "percentunit")
                .about("Share of responses that are 5xx. Red line: HighAPIErrorRate.")
                .from("backend")
                .thresholds(errors)
                .query(
                    ratio(
                        sumRate("", REQUESTS + "{" + API + ",status=~\"5..\"}"),
                        sumRate("", REQUESTS + "{" + API + "}")),
                    "5xx ratio")
                .build(),
            timeseries("Requests in progress", "none")
                .about("Requests being served right now, per instance.")
                .from("backend")
                .query("sum by (instance) (http_requests_in_progress{" + API + "})", "{{instance}}")
                .build(),
            bars("Top 10 slowest endpoints (p95)", "s")
                .about("95th percentile latency per route template over the selected time range.")
                .from("backend")
                .thresholds(slow)
                .query(
                    "topk(10, histogram_quantile(0.95, sum by (endpoint, le) (rate("
                        + DURATION
                        + "_bucket{"
                        + API
                        + "}"
                        + Promql.WHOLE_RANGE
                        + "))))",
                    "{{endpoint}}")
                .build(),
            bars("Top 10 endpoints by 5xx responses", "none")
                .about("5xx responses per route template over the selected time range.")
                .from("backend")
                .query(
                    "topk(10, sum by (endpoint) (increase("
                        + REQUESTS
                        + "{"
                        + API
                        + ",status=~\"5..\"}"
                        + Promql.WHOLE_RANGE
                        + ")) > 0)",
                    "{{endpoint}}")
                .build(),
            bars("Top 10 busiest endpoints", "reqps")
                .about("Requests per second per route template, all instances (recording rule).")
                .from("backend")
                .query("topk(10, " + RecordingRules.API_RATE_BY_ENDPOINT + ")", "{{endpoint}}")
                .build(),
            timeseries("Unhandled exceptions per second by type", "short")
                .about("Exceptions per second that reached the error handler, by class.")
                .from("backend")
                .query(
                    sumRate("exception_type", "http_exceptions_total{" + API + "}"),
                    "{{exception_type}}")
                .build()));
  }
}
