package org.maiis.server.metrics;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import io.sentry.CustomSamplingContext;
import io.sentry.IScope;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import io.sentry.SpanStatus;
import io.sentry.TransactionContext;
import io.sentry.TransactionOptions;
import io.sentry.protocol.Request;
import io.sentry.protocol.TransactionNameSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.maiis.metrics.HttpMetrics;
import org.maiis.sentry.NeverTraced;

/**
 * Reports a Javalin app to Sentry, in one call: {@code config.registerPlugin(new SentryPlugin())}
 * after {@code SentryReporting.start(...)}. Exceptions that end in a 5xx, and other 5xx responses,
 * become events, sampled requests become transactions, both named {@code METHOD /route/{template}}
 * (never the raw path). Does nothing while Sentry is off. Scrubbing happens in the SDK's beforeSend
 * hooks.
 */
public final class SentryPlugin extends Plugin<Void> {
  private static final String TRANSACTION = "maiis.sentry-transaction";
  // Headers that can carry raw paths (ids) of other pages; sensitive ones are scrubbed later.
  private static final Set<String> DROPPED_HEADERS = Set.of("referer", "origin", "host");

  @Override
  public void onInitialize(JavalinState state) {
    HandlerExceptions.install(state);
    state.routes.before(this::started);
    state.requestLogger.http(this::completed);
  }

  private void started(Context ctx) {
    if (!Sentry.isEnabled() || ctx.attribute(TRANSACTION) != null) {
      return;
    }
    CustomSamplingContext sampling = new CustomSamplingContext();
    sampling.set(NeverTraced.PATH, ctx.path());
    TransactionOptions options = new TransactionOptions();
    options.setCustomSamplingContext(sampling);
    // Named for real once the route is known; sampled now, before any cost.
    ITransaction t =
        Sentry.startTransaction(
            new TransactionContext(ctx.method().name(), "http.server"), options);
    if (t.isSampled() != null && t.isSampled()) {
      ctx.attribute(TRANSACTION, t);
    }
  }

  private void completed(Context ctx, Float executionMillis) {
    if (!Sentry.isEnabled()) {
      return;
    }
    int status = ctx.statusCode();
    String name = ctx.method().name() + " " + HttpMetrics.endpoint(RouteTemplate.of(ctx), status);
    Request request = request(ctx, name);
    Exception error = HandlerExceptions.of(ctx);
    // Exceptions the app maps to a 4xx (Javalin's BadRequestResponse, validation) are control flow.
    if (error != null && status >= 500 && !clientWentAway(error)) {
      Sentry.captureException(error, scope -> describe(scope, name, request, status));
    } else if (status >= 500) {
      Sentry.captureMessage(
          "HTTP " + status + " on " + name,
          SentryLevel.ERROR,
          scope -> describe(scope, name, request, status));
    }
    ITransaction t = ctx.attribute(TRANSACTION);
    if (t != null) {
      t.setName(name, TransactionNameSource.ROUTE);
      t.setData("http.response.status_code", status);
      t.finish(SpanStatus.fromHttpStatusCode(status));
    }
  }

  /**
   * Whether {@code error} only says the client disconnected before the response was written: not a
   * server fault, and common with scrapers and load balancers that time out.
   */
  static boolean clientWentAway(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof java.io.EOFException) {
        return true;
      }
      String m = t.getMessage();
      if (t instanceof java.io.IOException
          && m != null
          && (m.contains("Broken pipe") || m.contains("Connection reset"))) {
        return true;
      }
    }
    return false;
  }

  private static void describe(IScope scope, String name, Request request, int status) {
    scope.setTransaction(name);
    scope.setRequest(request);
    scope.setTag("http.status_code", Integer.toString(status));
  }

  private static Request request(Context ctx, String name) {
    Request r = new Request();
    r.setMethod(ctx.method().name());
    // The route template, not the URL: raw ids and query strings stay out of events.
    r.setUrl(name.substring(name.indexOf(' ') + 1));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h : Collections.list(ctx.req().getHeaderNames())) {
      if (!DROPPED_HEADERS.contains(h.toLowerCase(Locale.ROOT))) {
        headers.put(h, ctx.req().getHeader(h));
      }
    }
    r.setHeaders(headers);
    return r;
  }
}
