package org.maiis.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import io.javalin.plugin.Plugin;
import io.javalin.websocket.WsHandlerType;
import java.util.List;

/** What every route of the API shares: JSON, limits, errors, client addresses, headers. */
public final class JavalinDefaults {
  /** How long a stop waits for in-flight requests to finish. */
  public static final long DRAIN_MILLIS = 10_000;

  private JavalinDefaults() {}

  /**
   * Applies the defaults to {@code cfg}.
   *
   * @param maxMultipartBytes the largest multipart request any area takes
   * @param routes collects every registered route as "METHOD /path"
   * @param plugins registered before the error handlers (metrics, Sentry)
   */
  public static void apply(
      JavalinConfig cfg,
      ObjectMapper mapper,
      ClientAddress clients,
      long maxMultipartBytes,
      List<String> routes,
      List<Plugin<?>> plugins) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.jsonMapper(new JavalinJackson(mapper, false));
    cfg.http.maxRequestSize = Bodies.MAX_BODY_BYTES;
    // The rendered nginx rate tiers match exactly the spellings that reach a handler: the path,
    // with or without one trailing slash. Stated here so a router change cannot open new ones.
    cfg.router.ignoreTrailingSlashes = true;
    cfg.router.treatMultipleSlashesAsSingleSlash = false;
    cfg.router.caseInsensitiveRoutes = false;
    // A known path with the wrong method is 405 (with Allow), not "no such route".
    cfg.http.prefer405over404 = true;
    // Uploads are multipart, bounded here; JSON bodies keep the 1 MiB limit above.
    cfg.jetty.multipartConfig.maxTotalRequestSize(maxMultipartBytes, SizeUnit.BYTES);
    cfg.contextResolver.ip = ctx -> clients.of(ctx.req().getRemoteAddr(), ctx.header("X-Real-IP"));
    cfg.staticFiles.enableWebjars();
    cfg.jetty.modifyServer(
        server -> {
          server.setStopTimeout(DRAIN_MILLIS);
          server.setErrorHandler(new JettyErrors(mapper));
        });
    cfg.events.handlerAdded(h -> routes.add(h.getHttpMethod().name() + " " + h.getPath()));
    // A WebSocket is served on the GET of its upgrade request.
    cfg.events.wsHandlerAdded(
        h -> {
          if (h.getHandlerType() == WsHandlerType.WEBSOCKET) {
            routes.add("GET " + h.getPath());
          }
        });
    plugins.forEach(cfg::registerPlugin);
    ErrorResponses.install(cfg.routes);
    cfg.routes.after(
        ctx -> {
          ctx.header("X-Content-Type-Options", "nosniff");
          if (ctx.path().startsWith("/api/") && !ctx.path().startsWith("/api/docs")) {
            ctx.header("Cache-Control", "no-store");
          }
        });
  }
}
