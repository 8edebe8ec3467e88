package org.maiis.metrics;

import static org.maiis.metrics.AppMetricDefinitions.*;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Framework-neutral HTTP server instrumentation: a plugin calls {@link #started} when a request
 * arrives, and {@link #finished} and {@link #record} when its response is complete, passing the
 * matched route template (never the raw path), so {@code endpoint} stays bounded.
 */
public final class HttpMetrics {
  /** The {@code endpoint} value for a request that matched no route and got 404 or 405. */
  public static final String NOT_FOUND = ROUTE_NOT_FOUND;

  /** The {@code endpoint} value for any other request that matched no route. */
  public static final String UNMATCHED = ROUTE_UNMATCHED;

  private final Counter requests;
  private final Histogram duration;
  private final Histogram requestSize;
  private final Histogram responseSize;
  private final Gauge inProgress;
  private final Counter exceptions;
  private final BoundedLabels requestLabels;
  private final BoundedLabels routeLabels;
  private final BoundedLabels methodLabel;
  private final BoundedLabels exceptionLabels;
  // Resolved data points per (method, endpoint, status), bounded because the labels are folded
  // first: a cached data point costs a few ns, a labelValues lookup tens (measured in maiis-bench).
  private final Map<String, Series> series = new ConcurrentHashMap<>();
  private final Map<String, GaugeDataPoint> inFlight = new ConcurrentHashMap<>();

  private record Series(
      CounterDataPoint requests,
      DistributionDataPoint duration,
      DistributionDataPoint requestSize,
      DistributionDataPoint responseSize) {}

  HttpMetrics(
      Counter requests,
      Histogram duration,
      Histogram requestSize,
      Histogram responseSize,
      Gauge inProgress,
      Counter exceptions,
      Map<String, BoundedLabels> bounds) {
    this.requests = requests;
    this.duration = duration;
    this.requestSize = requestSize;
    this.responseSize = responseSize;
    this.inProgress = inProgress;
    this.exceptions = exceptions;
    this.requestLabels = bounds.get(HTTP_REQUESTS);
    this.routeLabels = bounds.get(HTTP_DURATION);
    this.methodLabel = bounds.get(HTTP_IN_PROGRESS);
    this.exceptionLabels = bounds.get(HTTP_EXCEPTIONS);
  }

  /** A request arrived: counts it in progress until {@link #finished}. */
  public void started(String method) {
    inFlight(method).inc();
  }

  /** A request that {@link #started} is no longer in progress. */
  public void finished(String method) {
    inFlight(method).dec();
  }

  private GaugeDataPoint inFlight(String method) {
    String m = methodLabel.fold(upper(method))[0];
    GaugeDataPoint p = inFlight.get(m);
    return p != null ? p : inFlight.computeIfAbsent(m, k -> inProgress.labelValues(k));
  }

  /**
   * Records a completed request.
   *
   * @param routeTemplate the matched route ({@code /api/accounts/{id}}), or null when none matched
   * @param status the HTTP status sent
   * @param seconds how long it took
   * @param requestBytes request body size, or -1 when unknown
   * @param responseBytes response body size, or -1 when unknown
   */
  public void record(
      String method,
      String routeTemplate,
      int status,
      double seconds,
      long requestBytes,
      long responseBytes) {
    String[] labels =
        requestLabels.fold(upper(method), endpoint(routeTemplate, status), statusText(status));
    String key = labels[0] + ' ' + labels[1] + ' ' + labels[2];
    Series s = series.get(key);
    if (s == null) {
      s = series.computeIfAbsent(key, k -> resolve(labels));
    }
    s.requests().inc();
    s.duration().observe(seconds);
    if (requestBytes >= 0) {
      s.requestSize().observe(requestBytes);
    }
    if (responseBytes >= 0) {
      s.responseSize().observe(responseBytes);
    }
  }

  private Series resolve(String[] labels) {
    String[] route = routeLabels.fold(labels[0], labels[1]);
    return new Series(
        requests.labelValues(labels),
        duration.labelValues(route),
        requestSize.labelValues(route),
        responseSize.labelValues(route));
  }

  private static String statusText(int status) {
    return status >= 100 && status <= 599 ? Integer.toString(status) : "other";
  }

  /** An exception escaped a handler; counted by its class's simple name. */
  public void exception(String method, String routeTemplate, int status, Throwable error) {
    String type = error.getClass().getSimpleName();
    exceptions
        .labelValues(
            exceptionLabels.fold(
                upper(method),
                endpoint(routeTemplate, status),
                type.isEmpty() ? "anonymous" : type))
        .inc();
  }

  /** The {@code endpoint} label: the route template, or a fixed value when none matched. */
  public static String endpoint(String routeTemplate, int status) {
    if (routeTemplate != null && !routeTemplate.isEmpty()) {
      return routeTemplate;
    }
    return status == 404 || status == 405 ? NOT_FOUND : UNMATCHED;
  }

  private static String upper(String method) {
    if (method == null) {
      return "";
    }
    for (int i = 0; i < method.length(); i++) {
      if (Character.isLowerCase(method.charAt(i))) {
        return method.toUpperCase(Locale.ROOT);
      }
    }
    return method;
  }
}
