package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/**
 * Two instances behind one load balancer share PostgreSQL, Redis and the signing key: a session
 * started on one works on the other, and revocations on one hold on the other.
 */
class TwoInstancesPostgresIT {

  @Test
  void sessionsRevocationsAndMoneyAreSharedBetweenInstances(@TempDir Path dir) throws Exception {
    Backend backend = Backend.postgresAndRedis();
    Path secret = dir.resolve("jwt.secret");
    Files.writeString(secret, "shared-signing-key-for-both-instances-0123456789");
    String extra = "  jwt_secret: ${file:" + secret + "}\n  auth:\n    login_failures: 100\n";
    try (Harness a = Harness.start(Files.createDirectories(dir.resolve("a")), backend, extra);
        Harness b = Harness.start(Files.createDirectories(dir.resolve("b")), backend, extra)) {
      Session s = a.api.newUser();
      assertEquals(200, b.api.get("/api/auth/me", s.access()).status());
      String acc = a.api.account(s, "checking", "USD", "10");
      assertEquals(0, new BigDecimal("10.00").compareTo(b.api.balance(s, acc)));

      Res rotated = b.api.post("/api/auth/refresh", null, Map.of("refresh_token", s.refresh()));
      assertEquals(200, rotated.status(), rotated.body());
      Res reuse = a.api.post("/api/auth/refresh", null, Map.of("refresh_token", s.refresh()));
      assertEquals("refresh_token_reused", reuse.code());

      Session t = b.api.login(s.email(), Api.PASSWORD);
      assertEquals(200, a.api.post("/api/auth/logout", t.access(), Map.of()).status());
      assertEquals("token_revoked", b.api.get("/api/auth/me", t.access()).code());
    }
  }
}
