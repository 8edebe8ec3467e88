package org.maiis.server.metrics;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Remembers the exception a handler threw, on the request, before Javalin's exception mapping turns
 * it into a response. The metrics and Sentry plugins both read it when the request completes, so
 * neither has to claim {@code exception(Exception.class, ...)} from the application.
 *
 * <p>It is installed as Javalin's handler wrapper (one per app); installing it twice is harmless.
 */
public final class HandlerExceptions {
  private static final String ATTRIBUTE = "maiis.handler-exception";

  private HandlerExceptions() {}

  /** Wraps every handler of the app so that what it throws is recorded, then rethrown. */
  static void install(JavalinState state) {
    state.router.handlerWrapper(
        endpoint -> {
          Handler handler = endpoint.handler;
          return ctx -> {
            try {
              handler.handle(ctx);
            } catch (Exception e) {
              if (ctx.attribute(ATTRIBUTE) == null) {
                ctx.attribute(ATTRIBUTE, e);
              }
              throw e;
            }
          };
        });
  }

  /** The exception a handler of this request threw, or null. */
  public static Exception of(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }
}
