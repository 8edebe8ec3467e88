package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** The OpenAPI document matches the routes, Swagger UI is served, and metrics can be switched. */
class ServerDocsAndMetricsTest {

  @Test
  void everyRegisteredRouteIsDocumentedAndSwaggerUiLoads(@TempDir Path dir) throws Exception {
    try (Harness h = Harness.start(dir, Backend.embedded(), "")) {
      Res doc = h.api.get("/api/docs/openapi.json", null);
      assertEquals(200, doc.status());
      JsonNode paths = doc.json().path("paths");
      assertFalse(h.server.routes().isEmpty());
      for (String route : h.server.routes()) {
        String[] mp = route.split(" ", 2);
        if (mp[0].equals("BEFORE") || mp[0].equals("AFTER") || mp[0].startsWith("BEFORE")) {
          continue;
        }
        JsonNode op = paths.path(mp[1]).path(mp[0].toLowerCase(Locale.ROOT));
        assertFalse(op.isMissingNode(), route + " is not in openapi.yaml");
      }
      // And nothing documented that does not exist.
      paths
          .fieldNames()
          .forEachRemaining(
              p ->
                  paths
                      .path(p)
                      .fieldNames()
                      .forEachRemaining(
                          m -> {
                            if (!m.equals("parameters")) {
                              assertTrue(
                                  h.server.routes().contains(m.toUpperCase(Locale.ROOT) + " " + p),
                                  m + " " + p + " is documented but not served");
                            }
                          }));
      Res ui = h.api.get("/api/docs", null);
      assertEquals(200, ui.status());
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("src=\"(/webjars/[^\"]+\\.js)\"").matcher(ui.body());
      assertTrue(m.find(), ui.body());
      Res js = h.api.get(m.group(1), null);
      assertEquals(200, js.status());
      assertTrue(js.body().length() > 100_000);
      assertEquals(200, h.api.get("/api/docs/openapi.yaml", null).status());
    }
  }

  @Test
  void realRequestsIncrementEveryMetricFamilyTheServerTouches(@TempDir Path dir) throws Exception {
    try (Harness h = Harness.start(dir, Backend.embedded(), "  auth:\n    login_failures: 1\n")) {
      Api api = h.api;
      Session s = api.newUser();
      String acc = api.account(s, "checking", "USD", "10");
      api.post("/api/banking/deposit", s.access(), Map.of("account_id", acc, "amount", 1));
      api.get("/api/auth/me", "bad.token.here");
      api.post("/api/auth/login", null, Map.of("email", s.email(), "password", "Wr0ng-pass!"));
      api.post("/api/auth/login", null, Map.of("email", s.email(), "password", "Wr0ng-pass!"));
      api.post("/api/auth/refresh", null, Map.of("refresh_token", s.refresh()));
      assertEquals(200, api.get("/health/ready", null).status());
      Res metrics = api.get("/metrics", null);
      assertEquals(200, metrics.status());
      String text = metrics.body();
      for (String series :
          new String[] {
            "auth_attempts_total{method=\"password\",status=\"success\"}",
            "auth_attempts_total{method=\"password\",status=\"failure\"}",
            "auth_attempts_total{method=\"access_token\",status=\"success\"}",
            "auth_attempts_total{method=\"refresh_token\",status=\"success\"}",
            "auth_failures_total{reason=\"invalid_credentials\"}",
            "auth_failures_total{reason=\"rate_limited\"}",
            "auth_failures_total{reason=\"invalid_token\"}",
            "db_queries_total{operation=\"transaction\",table=\"accounts\"}",
            "db_queries_total{operation=\"insert\",table=\"users\"}",
            "db_query_duration_seconds_count{operation=\"select\",table=\"users\"}",
            "cache_operations_total{operation=\"get\",status=\"hit\"}",
            "cache_operations_total{operation=\"get\",status=\"miss\"}",
            "cache_operations_total{operation=\"set\",status=\"success\"}",
            "storage_operations_total{operation=\"upload\",provider=\"local\",status=\"success\"}",
            "storage_operations_total{operation=\"download\",provider=\"local\",status=\"success\"}",
            "storage_operations_total{operation=\"delete\",provider=\"local\",status=\"success\"}",
            "storage_upload_duration_seconds_count{provider=\"local\"}",
            "storage_upload_size_bytes_count{provider=\"local\"}",
            "http_requests_total{endpoint=\"/api/banking/deposit\",method=\"POST\",status=\"201\"}",
          }) {
        assertTrue(
            text.lines().anyMatch(l -> l.startsWith(series + " ") && !l.endsWith(" 0.0")),
            series + " missing or zero");
      }
      for (String gauge :
          new String[] {"db_connections_idle", "db_connections_active", "cache_hit_ratio"}) {
        assertTrue(text.lines().anyMatch(l -> l.startsWith(gauge + " ")), gauge + " missing");
      }
      // Refused requests (401, 422, 429) are answers, not faults: no exception series.
      assertFalse(text.contains("http_exceptions_total{"), "4xx counted as exceptions");
      for (String leak : new String[] {s.email(), s.userId(), acc}) {
        assertFalse(text.contains(leak), "metrics leak an identifier");
      }
    }
  }

  @Test
  void metricsCanBeSwitchedOff(@TempDir Path dir) throws Exception {
    try (Harness h = Harness.start(dir, Backend.embedded(), "  metrics:\n    enabled: false\n")) {
      Res r = h.api.get("/metrics", null);
      assertEquals(404, r.status());
      assertEquals("not_found", r.code());
      assertEquals(200, h.api.get("/health/ready", null).status());
    }
  }
}
