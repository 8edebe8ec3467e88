package org.maiis.server.rag.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Qdrant client against a local server speaking Qdrant's REST API, field by field. */
class QdrantVectorStoreTest {
  private FakeQdrant qdrant;
  private QdrantVectorStore store;

  @BeforeEach
  void start() throws Exception {
    qdrant = new FakeQdrant();
    store =
        new QdrantVectorStore(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
            qdrant.url(),
            "kb",
            Optional.of("k3y"),
            Duration.ofSeconds(5),
            new ObjectMapper());
  }

  @AfterEach
  void stop() {
    qdrant.close();
  }

  private static float[] unit(float... v) {
    return org.maiis.server.rag.embed.Embedder.normalize(v);
  }

  @Test
  void firstUpsertCreatesTheCollectionAndScopeIndexThenWritesPointsWithPayload() {
    store.upsert(
        List.of(
            new ChunkVector("doc-1", 0, "user-a", unit(1, 0, 0)),
            new ChunkVector("doc-1", 1, "user-a", unit(0, 1, 0))));
    List<FakeQdrant.Request> r = qdrant.requests;
    assertEquals("GET /collections/kb", r.get(0).method() + " " + r.get(0).path());
    assertEquals("PUT /collections/kb", r.get(1).method() + " " + r.get(1).path());
    assertEquals(3, r.get(1).body().path("vectors").path("size").asInt());
    assertEquals("Cosine", r.get(1).body().path("vectors").path("distance").asText());
    assertEquals("PUT /collections/kb/index?wait=true", r.get(2).method() + " " + r.get(2).path());
    assertEquals("keyword", qdrant.payloadIndexes.get("kb.scope"));
    FakeQdrant.Request up = r.get(3);
    assertEquals("PUT /collections/kb/points?wait=true", up.method() + " " + up.path());
    JsonNode p0 = up.body().path("points").get(0);
    assertEquals(QdrantVectorStore.pointId("doc-1", 0), p0.path("id").asText());
    assertEquals(3, p0.path("vector").size());
    assertEquals("user-a", p0.path("payload").path("scope").asText());
    assertEquals("doc-1", p0.path("payload").path("document_id").asText());
    assertEquals(0, p0.path("payload").path("chunk_index").asInt());
    assertEquals(1, up.body().path("points").get(1).path("payload").path("chunk_index").asInt());
    for (FakeQdrant.Request req : r) {
      assertEquals("k3y", req.apiKey(), req.path());
    }
    assertEquals(2, qdrant.points("kb"));

    // The collection is known now: the next upsert goes straight to the points.
    int before = qdrant.requests.size();
    store.upsert(List.of(new ChunkVector("doc-1", 0, "user-a", unit(1, 1, 0))));
    assertEquals(before + 1, qdrant.requests.size());
    assertEquals(2, qdrant.points("kb"), "same chunk, same point id: replaced");
  }

  @Test
  void searchFiltersByScopeInQdrantAndMapsPayloadsToHits() {
    store.upsert(
        List.of(
            new ChunkVector("mine", 0, "user-a", unit(1, 0, 0)),
            new ChunkVector("bank", 0, "shared", unit(0.9f, 0.1f, 0)),
            new ChunkVector("theirs", 0, "user-b", unit(1, 0, 0))));
    List<VectorHit> hits = store.search(unit(1, 0, 0), List.of("user-a", "shared"), 5);
    FakeQdrant.Request s = qdrant.requests.get(qdrant.requests.size() - 1);
    assertEquals("POST /collections/kb/points/search", s.method() + " " + s.path());
    assertEquals(5, s.body().path("limit").asInt());
    assertTrue(s.body().path("with_payload").asBoolean());
    JsonNode must = s.body().path("filter").path("must");
    assertEquals(1, must.size());
    assertEquals("scope", must.get(0).path("key").asText());
    assertEquals("[\"user-a\",\"shared\"]", s.firstMatch().path("any").toString());
    assertEquals(2, hits.size());
    assertEquals("mine", hits.get(0).documentId());
    assertEquals(1.0, hits.get(0).similarity(), 1e-6);
    assertEquals("bank", hits.get(1).documentId());
    assertTrue(hits.stream().noneMatch(h -> h.documentId().equals("theirs")));
  }

  @Test
  void removeDeletesTheDocumentsPointsByFilter() {
    store.upsert(
        List.of(
            new ChunkVector("gone", 0, "user-a", unit(1, 0)),
            new ChunkVector("gone", 1, "user-a", unit(0, 1)),
            new ChunkVector("kept", 0, "user-a", unit(1, 1))));
    store.removeDocument("gone");
    FakeQdrant.Request d = qdrant.requests.get(qdrant.requests.size() - 1);
    assertEquals("POST /collections/kb/points/delete?wait=true", d.method() + " " + d.path());
    assertEquals("document_id", d.body().path("filter").path("must").get(0).path("key").asText());
    assertEquals("gone", d.firstMatch().path("value").asText());
    assertEquals(1, qdrant.points("kb"));
  }

  @Test
  void beforeAnyWriteSearchAndRemoveNeedNoCollection() {
    assertEquals(List.of(), store.search(unit(1, 0), List.of("user-a"), 3));
    store.removeDocument("nothing");
    assertTrue(qdrant.requests.stream().allMatch(r -> r.method().equals("GET")), "nothing created");
  }

  @Test
  void readinessAndFailuresAreReported() throws Exception {
    store.check();
    assertEquals("/readyz", qdrant.requests.get(0).path());
    qdrant.down = true;
    VectorStoreException e = assertThrows(VectorStoreException.class, () -> store.check());
    assertEquals("qdrant answered HTTP 503", e.getMessage());
    e =
        assertThrows(
            VectorStoreException.class,
            () -> store.upsert(List.of(new ChunkVector("d", 0, "s", unit(1)))));
    assertEquals("qdrant answered HTTP 503", e.getMessage());
    qdrant.close();
    e = assertThrows(VectorStoreException.class, () -> store.check());
    assertTrue(e.getMessage().startsWith("qdrant unreachable: "), e.getMessage());
  }
}
