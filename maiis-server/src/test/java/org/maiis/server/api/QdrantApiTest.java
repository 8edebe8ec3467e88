package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.server.rag.index.FakeQdrant;

/** The server with {@code server.vector_store.qdrant_url}: a local server speaking Qdrant's API. */
class QdrantApiTest {
  @Test
  void vectorsGoToQdrantScopedByUserAndReadinessFollowsIt(@TempDir Path dir) throws Exception {
    try (FakeQdrant qdrant = new FakeQdrant();
        Harness h =
            Harness.start(
                dir,
                Backend.embedded(),
                "  vector_store:\n    qdrant_url: " + qdrant.url() + "\n    collection: bank\n")) {
      Api api = h.api;
      Session alice = api.newUser();
      Session bob = api.newUser();
      JsonNode ready = api.get("/health/ready", null).json();
      assertEquals("qdrant", ready.path("checks").path("vector_store").path("kind").asText());
      assertEquals("up", ready.path("checks").path("vector_store").path("status").asText());

      String id = upload(api, alice, "The vault code of branch Zephyrine is 4711.");
      assertTrue(qdrant.points("bank") > 0, "points written to Qdrant");
      JsonNode bobs =
          api.post("/api/chat/message", bob.access(), Map.of("message", "vault code Zephyrine"))
              .json();
      assertFalse(bobs.toString().contains(id), bobs.toString());
      JsonNode alices =
          api.post("/api/chat/message", alice.access(), Map.of("message", "vault code Zephyrine"))
              .json();
      assertEquals(id, alices.path("sources").get(0).path("document_id").asText());
      assertEquals(
          "[\"" + alice.userId() + "\",\"shared\"]",
          qdrant.last("/collections/bank/points/search").firstMatch().path("any").toString());

      Res del = api.delete("/api/documents/" + id, alice.access());
      assertEquals(200, del.status(), del.body());
      assertEquals(0, qdrant.points("bank"), "deleting the document deletes its points");

      qdrant.down = true;
      Session admin = TestDb.admin(h, Backend.embedded(), api.newUser());
      Res failed = api.post("/api/chat/ingest", admin.access(), Map.of("text", "Fees rise."));
      assertEquals(503, failed.status(), failed.body());
      assertEquals("vector_store_unavailable", failed.code());
      assertEquals(0, api.get("/api/documents", admin.access()).json().size(), "nothing left");
      Res down = api.get("/health/ready", null);
      assertEquals(503, down.status());
      assertEquals("down", down.json().path("checks").path("vector_store").path("status").asText());
      // Retrieval keeps answering from BM25 while Qdrant is down.
      assertEquals(
          200, api.post("/api/chat/message", alice.access(), Map.of("message", "vault")).status());
    }
  }

  private static String upload(Api api, Session s, String text) throws Exception {
    return Uploads.ingest(api, s, "note.txt", text);
  }
}
