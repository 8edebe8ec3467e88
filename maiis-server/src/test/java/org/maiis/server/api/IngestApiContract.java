package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** Admin ingest into the shared knowledge base, hybrid retrieval scoping and vector cleanup. */
abstract class IngestApiContract extends ServerContract {
  private static final String CARD_POLICY =
      "# Lost or stolen cards\nCall the card hotline at once: the card is blocked within minutes."
          + " A replacement card is posted to you within five working days, free of charge.\n\n"
          + "# Contactless limit\nContactless payments are accepted up to 50 euros per payment.";
  private Session admin;
  private Session alice;
  private Session bob;

  @BeforeAll
  void signUp() throws Exception {
    admin = TestDb.admin(h, backend(), api.newUser());
    alice = api.newUser();
    bob = api.newUser();
  }

  private Connection jdbc() throws SQLException {
    return TestDb.connect(h, backend());
  }

  private long count(String sql, String arg) throws SQLException {
    try (Connection c = jdbc();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private JsonNode chat(Session s, String question) {
    Res r = api.post("/api/chat/message", s.access(), Map.of("message", question));
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private Res ingestText(Session s, Map<String, Object> body) {
    return api.post("/api/chat/ingest", s.access(), body);
  }

  @Test
  void onlyAnAdminIngestsAndEveryUserRetrievesTheSharedKnowledge() throws Exception {
    assertEquals(401, api.post("/api/chat/ingest", null, Map.of("text", "x")).status());
    Res denied = ingestText(alice, Map.of("text", CARD_POLICY));
    assertEquals(403, denied.status(), denied.body());
    assertEquals("forbidden", denied.code());
    assertEquals(
        403, api.post("/api/documents/ingest", bob.access(), Map.of("document_id", "x")).status());

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", CARD_POLICY);
    body.put("metadata", Map.of("title", "card-policy.md", "category", "cards"));
    body.put("chunk_size", 200);
    body.put("chunk_overlap", 20);
    Res ok = ingestText(admin, body);
    assertEquals(200, ok.status(), ok.body());
    String id = ok.json().path("document_id").asText();
    assertEquals("shared", ok.json().path("scope").asText());
    int chunks = ok.json().path("chunks").asInt();
    assertTrue(chunks >= 2, "200-character chunks: " + ok.body());
    assertEquals(chunks, count("SELECT COUNT(*) FROM chunk_vectors WHERE document_id = ?", id));
    assertEquals(
        chunks,
        count(
            "SELECT COUNT(*) FROM document_chunks WHERE scope = 'shared' AND document_id = ?", id));

    for (Session s : new Session[] {alice, bob}) {
      JsonNode a = chat(s, "my card was stolen, what should I do?");
      JsonNode top = a.path("sources").get(0);
      assertEquals(id, top.path("document_id").asText(), a.toString());
      assertEquals("card-policy.md", top.path("filename").asText());
      assertTrue(top.path("score").asDouble() > 0 && top.path("score").asDouble() <= 1);
    }
    // The admin's document, listed for the admin only.
    assertEquals(200, api.get("/api/documents/" + id, admin.access()).status());
    assertEquals(404, api.get("/api/documents/" + id, alice.access()).status());

    Res small = ingestText(admin, Map.of("text", "x", "chunk_size", 50));
    assertEquals(400, small.status(), small.body());
    assertTrue(small.body().contains("chunk_size"), small.body());
    Res overlap = ingestText(admin, Map.of("text", "x", "chunk_size", 500, "chunk_overlap", 250));
    assertEquals(400, overlap.status(), overlap.body());
    assertEquals(400, ingestText(admin, Map.of("metadata", Map.of())).status());
    // A number the int field cannot hold, and a fraction for an int: named, never truncated.
    Res huge = ingestText(admin, Map.of("text", "x", "chunk_size", 10_000_000_000L));
    assertEquals(400, huge.status(), huge.body());
    assertEquals("chunk_size is out of range", huge.json().path("error").path("message").asText());
    Res fraction = ingestText(admin, Map.of("text", "x", "chunk_size", 150.5));
    assertEquals(400, fraction.status(), fraction.body());
    assertEquals(
        "chunk_size has the wrong type", fraction.json().path("error").path("message").asText());

    Res deleted = api.delete("/api/documents/" + id, admin.access());
    assertEquals(200, deleted.status(), deleted.body());
    assertEquals(0, count("SELECT COUNT(*) FROM chunk_vectors WHERE document_id = ?", id));
    JsonNode after = chat(alice, "my card was stolen, what should I do?");
    assertFalse(after.toString().contains(id), after.toString());
  }

  @Test
  void anAdminIngestsOwnUploadedDocumentsNotOtherUsers() throws Exception {
    Res mine =
        api.post(
            "/api/chat/ingest", admin.access(), Map.of("text", "placeholder to get a document"));
    assertEquals(200, mine.status(), mine.body());
    String adminDoc = mine.json().path("document_id").asText();
    Res again = api.post("/api/documents/ingest", admin.access(), Map.of("document_id", adminDoc));
    assertEquals(200, again.status(), again.body());
    assertEquals(adminDoc, again.json().path("document_id").asText());
    assertEquals(1, again.json().path("chunks").asInt());

    String secret = "Bob's savings goal: a sailing boat named Quetzalcoatl by next summer.";
    // Bob's private upload: the admin cannot publish it, and Alice never retrieves it.
    String bobDoc = uploadPrivate(bob, secret);
    Res refused = api.post("/api/documents/ingest", admin.access(), Map.of("document_id", bobDoc));
    assertEquals(404, refused.status(), refused.body());
    JsonNode a = chat(alice, "sailing boat Quetzalcoatl savings goal");
    assertFalse(a.toString().contains(bobDoc), a.toString());
    assertTrue(chat(bob, "sailing boat Quetzalcoatl").toString().contains(bobDoc));
    assertEquals(
        404,
        api.post("/api/documents/ingest", admin.access(), Map.of("document_id", "nope")).status());
  }

  private String uploadPrivate(Session s, String text) throws Exception {
    return Uploads.ingest(api, s, "note.txt", text);
  }

  @Test
  void readinessListsTheVectorStoreAndMetricsRecordEmbeddingAndSearch() {
    Res ready = api.get("/health/ready", null);
    assertEquals(200, ready.status(), ready.body());
    JsonNode vs = ready.json().path("checks").path("vector_store");
    assertEquals("up", vs.path("status").asText());
    assertEquals("exact", vs.path("kind").asText());
    chat(alice, "contactless limit");
    String metrics = api.get("/metrics", null).body();
    assertTrue(
        metrics.contains("embedding_duration_seconds_count{provider=\"local\""), "embedding");
    assertTrue(
        metrics.contains("vector_search_duration_seconds_count{provider=\"exact\""), "exact");
    assertTrue(metrics.contains("vector_search_duration_seconds_count{provider=\"bm25\""), "bm25");
  }
}
