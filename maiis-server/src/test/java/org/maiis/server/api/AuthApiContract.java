package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** The /api/auth routes, success and failure, against a real server. */
abstract class AuthApiContract extends ServerContract {

  @Override
  String serverYaml() {
    return "  auth:\n    login_failures: 100\n";
  }

  private static String email() {
    return "a" + UUID.randomUUID().toString().substring(0, 10) + "@Example.com";
  }

  @Test
  void signupCreatesUserWithoutExposingTheHash() {
    String email = email();
    Res r =
        api.post(
            "/api/auth/signup",
            null,
            Map.of(
                "email",
                email,
                "password",
                Api.PASSWORD,
                "full_name",
                "Ada L",
                "phone",
                "+44 20 7946 0000"));
    assertEquals(201, r.status(), r.body());
    assertEquals(email.toLowerCase(java.util.Locale.ROOT), r.json().path("email").asText());
    assertEquals("Ada L", r.json().path("full_name").asText());
    assertEquals("user", r.json().path("role").asText());
    assertTrue(r.json().path("is_active").asBoolean());
    assertFalse(r.body().contains("password"), r.body());
    assertFalse(r.body().contains("$2a$"), r.body());
  }

  @Test
  void signupRefusesDuplicatesWeakPasswordsAndBadFields() {
    String email = email();
    Map<String, Object> ok = Map.of("email", email, "password", Api.PASSWORD, "full_name", "X");
    assertEquals(201, api.post("/api/auth/signup", null, ok).status());
    Res dup =
        api.post(
            "/api/auth/signup",
            null,
            Map.of(
                "email",
                email.toUpperCase(java.util.Locale.ROOT),
                "password",
                Api.PASSWORD,
                "full_name",
                "X"));
    assertEquals(409, dup.status());
    assertEquals("email_taken", dup.code());
    for (String weak :
        new String[] {"short1!", "alllowercase1!", "ALLUPPER1!", "NoDigits!!", "NoSpecial12"}) {
      Res w =
          api.post(
              "/api/auth/signup",
              null,
              Map.of("email", email(), "password", weak, "full_name", "X"));
      assertEquals(422, w.status(), weak);
      assertEquals("weak_password", w.code());
    }
    Res badEmail =
        api.post(
            "/api/auth/signup",
            null,
            Map.of("email", "not-an-email", "password", Api.PASSWORD, "full_name", "X"));
    assertEquals(400, badEmail.status());
    assertEquals("invalid_field", badEmail.code());
    Res noName =
        api.post("/api/auth/signup", null, Map.of("email", email(), "password", Api.PASSWORD));
    assertEquals(400, noName.status());
  }

  @Test
  void loginReturnsTokensAndRefusesWrongPasswords() {
    Session s = api.newUser();
    Res r = api.post("/api/auth/login", null, Map.of("email", s.email(), "password", Api.PASSWORD));
    assertEquals(200, r.status());
    assertEquals("bearer", r.json().path("token_type").asText());
    assertEquals(900, r.json().path("expires_in").asInt());
    assertEquals(s.userId(), r.json().path("user").path("id").asText());
    assertFalse(r.json().path("user").path("last_login").isNull());
    Res wrong =
        api.post("/api/auth/login", null, Map.of("email", s.email(), "password", "Wr0ng-pass!"));
    assertEquals(401, wrong.status());
    assertEquals("invalid_credentials", wrong.code());
    Res unknown =
        api.post("/api/auth/login", null, Map.of("email", email(), "password", Api.PASSWORD));
    assertEquals(401, unknown.status());
    assertEquals("invalid_credentials", unknown.code());
    assertEquals(400, api.post("/api/auth/login", null, Map.of("email", s.email())).status());
  }

  @Test
  void meReadsAndUpdatesTheProfile() {
    Session s = api.newUser();
    Res me = api.get("/api/auth/me", s.access());
    assertEquals(200, me.status());
    assertEquals(s.email(), me.json().path("email").asText());
    assertEquals(401, api.get("/api/auth/me", null).status());
    assertEquals("unauthorized", api.get("/api/auth/me", null).code());
    Res put =
        api.put(
            "/api/auth/me", s.access(), Map.of("full_name", "New Name", "phone", "+1 555 0100"));
    assertEquals(200, put.status(), put.body());
    assertEquals("New Name", put.json().path("full_name").asText());
    assertEquals("+1 555 0100", api.get("/api/auth/me", s.access()).json().path("phone").asText());
    Res badPhone = api.put("/api/auth/me", s.access(), Map.of("phone", "call me maybe"));
    assertEquals(400, badPhone.status());
    assertEquals("New Name", api.get("/api/auth/me", s.access()).json().path("full_name").asText());
    assertEquals(401, api.put("/api/auth/me", null, Map.of("full_name", "Z")).status());
  }

  @Test
  void refreshRotatesAndReuseRevokesTheFamily() {
    Session s = api.newUser();
    Res first = api.post("/api/auth/refresh", null, Map.of("refresh_token", s.refresh()));
    assertEquals(200, first.status(), first.body());
    String next = first.json().path("refresh_token").asText();
    assertNotEquals(s.refresh(), next);
    assertEquals(200, api.get("/api/auth/me", first.json().path("access_token").asText()).status());
    Res reuse = api.post("/api/auth/refresh", null, Map.of("refresh_token", s.refresh()));
    assertEquals(401, reuse.status());
    assertEquals("refresh_token_reused", reuse.code());
    // The thief's reuse also kills the legitimate holder's newer token.
    Res afterRevoke = api.post("/api/auth/refresh", null, Map.of("refresh_token", next));
    assertEquals(401, afterRevoke.status());
    assertEquals(
        401, api.post("/api/auth/refresh", null, Map.of("refresh_token", "garbage")).status());
    assertEquals(400, api.post("/api/auth/refresh", null, Map.of()).status());
  }

  @Test
  void logoutRevokesAccessAndRefreshTokens() {
    Session s = api.newUser();
    Res out = api.post("/api/auth/logout", s.access(), Map.of("refresh_token", s.refresh()));
    assertEquals(200, out.status(), out.body());
    Res after = api.get("/api/auth/me", s.access());
    assertEquals(401, after.status());
    assertEquals("token_revoked", after.code());
    assertEquals(
        401, api.post("/api/auth/refresh", null, Map.of("refresh_token", s.refresh())).status());
    assertEquals(401, api.post("/api/auth/logout", null, Map.of()).status());
  }

  @Test
  void changePasswordRevokesEveryTokenAndChecksTheCurrentOne() {
    Session s = api.newUser();
    Session other = api.login(s.email(), Api.PASSWORD);
    Res wrong = api.changePassword(s, "Wr0ng-pass!", "N3w-Passw0rd!");
    assertEquals(401, wrong.status());
    Res weak = api.changePassword(s, Api.PASSWORD, "weak");
    assertEquals(422, weak.status());
    Res ok = api.changePassword(s, Api.PASSWORD, "N3w-Passw0rd!");
    assertEquals(200, ok.status(), ok.body());
    assertEquals(401, api.get("/api/auth/me", s.access()).status());
    assertEquals(401, api.get("/api/auth/me", other.access()).status());
    assertEquals(
        401, api.post("/api/auth/refresh", null, Map.of("refresh_token", s.refresh())).status());
    assertEquals(
        401,
        api.post("/api/auth/refresh", null, Map.of("refresh_token", other.refresh())).status());
    assertEquals(
        401,
        api.post("/api/auth/login", null, Map.of("email", s.email(), "password", Api.PASSWORD))
            .status());
    Session fresh = api.login(s.email(), "N3w-Passw0rd!");
    assertEquals(200, api.get("/api/auth/me", fresh.access()).status());
  }
}
