package org.maiis.metrics;

import static org.maiis.metrics.AppMetricDefinitions.*;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Locale;
import java.util.Map;

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
    inProgress.labelValues(methodLabel.fold(upper(method))).inc();
  }

  /** A request that {@link #started} is no longer in progress. */
  public void finished(String method) {
    inProgress.labelValues(methodLabel.fold(upper(method))).dec();
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
    String m = upper(method);
    String route = endpoint(routeTemplate, status);
    requests.labelValues(requestLabels.fold(m, route, Integer.toString(status))).inc();
    String[] labels = routeLabels.fold(m, route);
    duration.labelValues(labels).observe(seconds);
    if (requestBytes >= 0) {
      requestSize.labelValues(labels).observe(requestBytes);
    }
    if (responseBytes >= 0) {
      responseSize.labelValues(labels).observe(responseBytes);
    }
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
    return method == null ? "" : method.toUpperCase(Locale.ROOT);
  }
}
