package org.maiis.server.metrics;

import io.javalin.Javalin;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.MaiisMetrics;

/**
 * The app bench/http-overhead.sh loads: the same routes with or without {@link MetricsPlugin}.
 * Arguments: {@code plain|instrumented PORT}. Runs until killed.
 */
public final class OverheadBenchApp {
  private OverheadBenchApp() {}

  public static void main(String[] args) {
    boolean instrumented = args[0].equals("instrumented");
    int port = Integer.parseInt(args[1]);
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics metrics =
        MaiisMetrics.register(registry, new BuildInfo("bench", "bench"), Path.of("."));
    MaiisMetrics.registerJvm(registry);
    Javalin.create(
            cfg -> {
              if (instrumented) {
                cfg.registerPlugin(new MetricsPlugin(registry, metrics.http()));
              }
              cfg.routes.get(
                  "/api/banking/accounts/{id}",
                  ctx ->
                      ctx.result("{\"id\":\"" + ctx.pathParam("id") + "\",\"balance\":\"10.00\"}"));
            })
        .start("127.0.0.1", port);
  }
}
