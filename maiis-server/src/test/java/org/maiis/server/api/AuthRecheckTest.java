package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/**
 * A token that passed the revocation, version and user checks is trusted for {@code
 * auth.recheck_after}; a logout or password change on this instance still applies to it at once,
 * and a user deactivated behind the server's back is refused within that time.
 */
class AuthRecheckTest {
  @TempDir Path dir;

  @Test
  void logoutAndPasswordChangeApplyAtOnceToTokensJustChecked() throws Exception {
    try (Harness h = Harness.start(dir, Backend.embedded(), "  auth:\n    recheck_after: 60s\n")) {
      Session s = h.api.newUser();
      Session other = h.api.login(s.email(), Api.PASSWORD);
      assertEquals(200, h.api.get("/api/auth/me", s.access()).status());
      assertEquals(200, h.api.get("/api/auth/me", other.access()).status());

      assertEquals(200, h.api.post("/api/auth/logout", s.access(), Map.of()).status());
      assertEquals("token_revoked", h.api.get("/api/auth/me", s.access()).code());
      assertEquals(200, h.api.get("/api/auth/me", other.access()).status(), "only that token");

      Session third = h.api.login(s.email(), Api.PASSWORD);
      assertEquals(200, h.api.get("/api/auth/me", third.access()).status());
      Res changed = h.api.changePassword(third, Api.PASSWORD, "N3w-Passw0rd!");
      assertEquals(200, changed.status(), changed.body());
      assertEquals("token_revoked", h.api.get("/api/auth/me", other.access()).code());
      assertEquals("token_revoked", h.api.get("/api/auth/me", third.access()).code());
    }
  }

  static Stream<Named<String>> immediateRechecks() {
    return Stream.of(
        Named.of(
            "withZeroADeactivatedUserIsRefusedOnTheNextRequest",
            "  auth:\n    recheck_after: 0s\n"),
        Named.of("byDefaultADeactivatedUserIsRefusedAtOnce", ""));
  }

  @ParameterizedTest
  @MethodSource("immediateRechecks")
  void aDeactivatedUserIsRefusedOnTheNextRequest(String serverYaml) throws Exception {
    try (Harness h = Harness.start(dir, Backend.embedded(), serverYaml)) {
      Session s = h.api.newUser();
      assertEquals(200, h.api.get("/api/auth/me", s.access()).status());
      deactivate(h, s);
      assertEquals(401, h.api.get("/api/banking/accounts", s.access()).status());
    }
  }

  // The same JVM opens the server's embedded database beside it, as an operator's SQL would.
  private static void deactivate(Harness h, Session s) throws Exception {
    assertEquals(
        1,
        TestDb.update(
            h, Backend.embedded(), "UPDATE users SET is_active = FALSE WHERE id = ?", s.userId()));
  }
}
