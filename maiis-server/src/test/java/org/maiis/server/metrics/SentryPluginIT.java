package org.maiis.server.metrics;

import static org.junit.jupiter.api.Assertions.*;

import io.javalin.Javalin;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.MaiisMetrics;
import org.maiis.sentry.SentryReporting;
import org.maiis.sentry.SentrySettings;
import org.maiis.sentry.SentrySink;

/** Both plugins on a real Javalin app, reporting through the real SDK to a local sink. */
class SentryPluginIT {
  private static final String AUTH = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.c2ln";

  @Test
  void reportsExceptionsAnd5xxByRouteTemplateAndNeverTracesHealth() throws Exception {
    try (SentrySink sink = new SentrySink();
        SentryReporting reporting =
            SentryReporting.start(
                new SentrySettings(Optional.of(sink.dsn()), "test", Optional.empty(), 1.0, 1.0),
                line -> {})) {
      PrometheusRegistry registry = new PrometheusRegistry();
      MaiisMetrics metrics =
          MaiisMetrics.register(registry, new BuildInfo("0.1.0", "test"), Path.of("."));
      Javalin app =
          Javalin.create(
                  cfg -> {
                    cfg.registerPlugin(new MetricsPlugin(registry, metrics.http()));
                    cfg.registerPlugin(new SentryPlugin());
                    cfg.routes.get(
                        "/api/banking/accounts/{id}",
                        ctx -> {
                          throw new IllegalStateException(
                              "balance check failed for erin@example.com");
                        });
                    cfg.routes.get("/api/unavailable", ctx -> ctx.status(503));
                    cfg.routes.get(
                        "/api/invalid",
                        ctx -> {
                          throw new io.javalin.http.BadRequestResponse("amount must be positive");
                        });
                    cfg.routes.get("/api/ok", ctx -> ctx.result("ok"));
                    cfg.routes.get("/health", ctx -> ctx.result("up"));
                  })
              .start("127.0.0.1", 0);
      try {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + app.port();
        for (String path :
            List.of(
                "/api/banking/accounts/acct-qz7731?token=qt-1",
                "/api/unavailable",
                "/api/ok",
                "/health",
                "/metrics")) {
          client.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Authorization", AUTH)
                  .header("X-Api-Key", "key-9876")
                  .build(),
              HttpResponse.BodyHandlers.discarding());
        }
        // Events are recorded just after each response and sent in the background: wait (bounded)
        // for the last traced request before stopping the app.
        for (int i = 0; i < 100 && !sink.all().contains("GET /api/ok"); i++) {
          reporting.flush(100);
          Thread.sleep(50);
        }
      } finally {
        app.stop();
      }
      reporting.flush(10_000);
      String sent = sink.all();
      assertTrue(sent.contains("IllegalStateException"), sent);
      assertTrue(sent.contains("balance check failed for [email]"), sent);
      assertTrue(sent.contains("\"transaction\":\"GET /api/banking/accounts/{id}\""), sent);
      assertTrue(sent.contains("HTTP 503 on GET /api/unavailable"), sent);
      assertTrue(sent.contains("GET /api/ok"), "sampled requests are traced: " + sent);
      assertTrue(sent.contains("\"url\":\"/api/banking/accounts/{id}\""), sent);
      for (String never :
          List.of(
              // An id no random trace or event id can contain (those are hex).
              "acct-qz7731",
              "qt-1",
              "erin@example.com",
              "eyJhbGci",
              "key-9876",
              "GET /health",
              "GET /metrics")) {
        assertFalse(sent.contains(never), never + " left the process: " + sent);
      }
    }
  }
}
