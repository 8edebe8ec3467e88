package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** A token outlives its user only until the next request: then it is 401, never a 500. */
class DeletedUserTest {
  @TempDir Path dir;

  @Test
  void aDeletedOrDeactivatedUsersTokenIs401() throws Exception {
    try (Harness h = Harness.start(dir, Backend.embedded(), "")) {
      Session gone = h.api.newUser();
      Session idle = h.api.newUser();
      // The same JVM opens the server's embedded database beside it, as an operator's SQL would.
      exec(h, "DELETE FROM users WHERE email = ?", gone.email());
      exec(h, "UPDATE users SET is_active = FALSE WHERE email = ?", idle.email());
      for (Session s : new Session[] {gone, idle}) {
        Res me = h.api.get("/api/auth/me", s.access());
        assertEquals(401, me.status(), me.body());
        Res open =
            h.api.post(
                "/api/banking/accounts",
                s.access(),
                Map.of("account_type", "checking", "currency", "USD", "initial_balance", 1));
        assertEquals(401, open.status(), "no foreign-key 500: " + open.body());
      }
    }
  }

  private static void exec(Harness h, String sql, String email) throws Exception {
    assertEquals(1, TestDb.update(h, Backend.embedded(), sql, email), sql);
  }
}
