package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spellings of a route that reach its handler are the ones the rendered nginx rate tiers match
 * (the path, and one trailing slash); every other spelling is 404, so no spelling slips past a tier
 * into the API.
 */
class RouteSpellingsTest {
  @TempDir Path dir;

  @Test
  void onlyThePathAndOneTrailingSlashReachALoginHandler() throws Exception {
    try (Harness h = Harness.start(dir, Backend.embedded(), "")) {
      Map<String, String> body = Map.of("email", "nobody@example.com", "password", "Wr0ng-pass!");
      for (String spelling : List.of("/api/auth/login", "/api/auth/login/")) {
        assertEquals(401, h.api.post(spelling, null, body).status(), spelling);
      }
      for (String spelling :
          List.of(
              "/api/auth//login",
              "/api//auth/login",
              "/api/auth/./login",
              "/api/auth/x/../login",
              "/api/auth/%6cogin",
              "/api/auth/login;x=1",
              "/api/auth/LOGIN",
              "/API/auth/login",
              "/api/auth/login//")) {
        int status = h.api.post(spelling, null, body).status();
        assertTrue(status == 404 || status == 400, spelling + " answered " + status);
      }
    }
  }
}
