package org.maiis.server.metrics;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import io.javalin.plugin.PluginPriority;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.maiis.metrics.HttpMetrics;

/**
 * Instruments a Javalin app in one call, {@code config.registerPlugin(new MetricsPlugin(registry,
 * metrics.http()))}: every request is timed, sized and counted by method, status and matched route
 * template (never the raw path; {@code not_found}/{@code unmatched} when no route matched), and
 * {@code GET /metrics} serves the registry as Prometheus text or OpenMetrics by content
 * negotiation, gzipped when the scraper asks.
 */
public final class MetricsPlugin extends Plugin<Void> {
  /** Where the exposition is served. */
  public static final String PATH = "/metrics";

  private static final String STARTED = "maiis.metrics-started";
  private final PrometheusScrapeHandler scrape;
  private final HttpMetrics http;

  /** A plugin recording into {@code http} and exposing {@code registry}. */
  public MetricsPlugin(PrometheusRegistry registry, HttpMetrics http) {
    this.scrape = new PrometheusScrapeHandler(registry);
    this.http = http;
  }

  @Override
  public void onInitialize(JavalinState state) {
    HandlerExceptions.install(state);
    state.routes.before(this::started);
    state.routes.get(PATH, ctx -> scrape.handleRequest(new JavalinScrapeExchange(ctx)));
    state.requestLogger.http(this::completed);
  }

  @Override
  public PluginPriority priority() {
    // Early, so the in-progress gauge counts a request before other plugins' handlers run.
    return PluginPriority.EARLY;
  }

  private void started(Context ctx) {
    if (ctx.attribute(STARTED) == null) {
      ctx.attribute(STARTED, Boolean.TRUE);
      http.started(ctx.method().name());
    }
  }

  private void completed(Context ctx, Float executionMillis) {
    String method = ctx.method().name();
    if (ctx.attribute(STARTED) != null) {
      http.finished(method);
    }
    String route = RouteTemplate.of(ctx);
    int status = ctx.statusCode();
    // Exceptions the app maps to a 4xx (Javalin's BadRequestResponse, validation) are control flow.
    Exception error = HandlerExceptions.of(ctx);
    if (error != null && status >= 500) {
      http.exception(method, route, status, error);
    }
    // No Content-Length: no body, unless it was sent chunked (size unknown, not observed).
    long requestBytes = ctx.req().getContentLengthLong();
    if (requestBytes < 0) {
      requestBytes = ctx.header("Transfer-Encoding") != null ? -1 : 0;
    }
    http.record(
        method, route, status, executionMillis / 1000.0, requestBytes, ResponseBytes.of(ctx));
  }
}
