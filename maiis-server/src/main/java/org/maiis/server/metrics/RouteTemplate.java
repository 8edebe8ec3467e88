package org.maiis.server.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** The route template a request matched, such as {@code /api/banking/accounts/{id}}. */
final class RouteTemplate {
  private RouteTemplate() {}

  /** The matched template, or null when the request matched no HTTP route. */
  static String of(Context ctx) {
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    return matched == null ? null : matched.path;
  }
}
