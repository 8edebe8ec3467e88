package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;

/** A backing service that is down: readiness says which, requests get 503 rather than 500. */
class DependencyDownTest {

  @Test
  void redisDownMakesTheInstanceUnreadyAndAuthRetryable(@TempDir Path dir) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (Harness h =
        Harness.start(
            dir,
            Backend.embedded(),
            "  cache:\n    redis_url: redis://127.0.0.1:" + closedPort + "/0\n")) {
      Res ready = h.api.get("/health/ready", null);
      assertEquals(503, ready.status(), ready.body());
      JsonNode checks = ready.json().path("checks");
      assertEquals("down", checks.path("cache").path("status").asText());
      assertEquals("redis", checks.path("cache").path("kind").asText());
      assertEquals("up", checks.path("database").path("status").asText());
      assertEquals("up", checks.path("storage").path("status").asText());
      assertFalse(
          ready.body().contains(Integer.toString(closedPort)), "no hosts or ports in health");

      Res signup =
          h.api.post(
              "/api/auth/signup",
              null,
              Map.of("email", "down@example.com", "password", Api.PASSWORD, "full_name", "D"));
      assertEquals(201, signup.status(), "signup needs only the database: " + signup.body());
      Res login =
          h.api.post(
              "/api/auth/login",
              null,
              Map.of("email", "down@example.com", "password", Api.PASSWORD));
      assertEquals(503, login.status(), login.body());
      assertEquals("cache_unavailable", login.code());
      assertNotNull(login.header("Retry-After"));
      assertEquals(200, h.api.get("/health", null).status());
    }
  }
}
