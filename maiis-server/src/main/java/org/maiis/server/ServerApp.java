package org.maiis.server;

import io.javalin.Javalin;
import io.javalin.plugin.Plugin;
import java.util.ArrayList;
import java.util.List;
import org.maiis.config.ServerConfig;
import org.maiis.server.http.Admission;
import org.maiis.server.http.ClientAddress;
import org.maiis.server.http.JavalinDefaults;
import org.maiis.server.metrics.MetricsPlugin;
import org.maiis.server.metrics.SentryPlugin;
import org.maiis.server.metrics.ServerMetrics;
import org.maiis.server.platform.Platform;
import org.maiis.server.platform.ServerModule;

/** The Javalin application of the modules: the house defaults, the plugins, every route. */
final class ServerApp {
  private ServerApp() {}

  /**
   * A Javalin application, not started.
   *
   * @param routes receives every registered route as "METHOD /path"
   */
  static Javalin create(
      ServerConfig config,
      Platform p,
      ServerMetrics metrics,
      List<ServerModule> modules,
      List<String> routes) {
    List<Plugin<?>> plugins = new ArrayList<>();
    metrics.catalog().ifPresent(m -> plugins.add(new MetricsPlugin(metrics.registry(), m.http())));
    plugins.add(new SentryPlugin());
    long multipart = modules.stream().mapToLong(ServerModule::maxMultipartBytes).max().orElse(0);
    ClientAddress clients = new ClientAddress(config.trustedProxies());
    return Javalin.create(
        cfg -> {
          JavalinDefaults.apply(cfg, p.mapper(), clients, multipart, routes, plugins);
          Admission.install(cfg, Admission.limit(config.maxInFlight()), Admission.MAX_WAIT);
          modules.forEach(m -> m.routes(cfg.routes));
        });
  }
}
