package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/**
 * Two instances behind one load balancer share PostgreSQL, Redis and the signing key: a session
 * started on one works on the other, revocations on one hold on the other, and both answer from the
 * same knowledge base.
 */
class TwoInstancesPostgresIT {
  // The config line both instances share: one signing key, from a file.
  private static String sharedKey(Path dir) throws java.io.IOException {
    Path secret = dir.resolve("jwt.secret");
    Files.writeString(secret, "shared-signing-key-for-both-instances-0123456789");
    return "  jwt_secret: ${file:" + secret + "}\n";
  }

  @Test
  void sessionsRevocationsAndMoneyAreSharedBetweenInstances(@TempDir Path dir) throws Exception {
    Backend backend = Backend.postgresAndRedis();
    String extra = sharedKey(dir) + "  auth:\n    login_failures: 100\n";
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

  @Test
  void bothInstancesAnswerFromTheSameKnowledgeBase(@TempDir Path dir) throws Exception {
    Backend backend = Backend.postgresAndRedis();
    String extra = sharedKey(dir);
    try (Harness a = Harness.start(Files.createDirectories(dir.resolve("a")), backend, extra);
        Harness b = Harness.start(Files.createDirectories(dir.resolve("b")), backend, extra)) {
      Session admin = TestDb.admin(a, backend, a.api.newUser());
      Session user = b.api.newUser();
      // A word no other test's document holds: the database is shared with them.
      String word = "kb" + UUID.randomUUID().toString().replace("-", "");
      String question = "what does the " + word + " policy say about lost cards?";
      assertFalse(
          b.api
              .post("/api/chat/message", user.access(), Map.of("message", question))
              .body()
              .contains(word),
          "nothing ingested yet");

      Res ingested =
          a.api.post(
              "/api/chat/ingest",
              admin.access(),
              Map.of("text", "The " + word + " policy: a lost card is blocked within minutes."));
      assertEquals(200, ingested.status(), ingested.body());
      String id = ingested.json().path("document_id").asText();
      // Ingested through a, answered by b at its next question, and by a.
      for (Harness h : new Harness[] {b, a}) {
        Res r = h.api.post("/api/chat/message", user.access(), Map.of("message", question));
        assertEquals(200, r.status(), r.body());
        assertEquals(id, r.json().path("sources").get(0).path("document_id").asText(), r.body());
      }

      // Deleted through b: cited by neither.
      assertEquals(200, b.api.delete("/api/documents/" + id, admin.access()).status());
      for (Harness h : new Harness[] {a, b}) {
        Res r = h.api.post("/api/chat/message", user.access(), Map.of("message", question));
        assertEquals(200, r.status(), r.body());
        assertFalse(r.body().contains(id), r.body());
      }
    }
  }
}
