package org.maiis.server.rag.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.maiis.server.http.Urls;

/**
 * Qdrant over its REST API. One point per chunk, its id a name-based UUID of (document, chunk), its
 * payload {@code {scope, document_id, chunk_index}}; searches carry a {@code scope} filter so
 * Qdrant itself never returns another user's chunks. The collection (cosine distance) and a keyword
 * index on {@code scope} are created on the first write.
 */
public final class QdrantVectorStore implements VectorStore {
  private final HttpClient http;
  private final URI base;
  private final String collection;
  private final Optional<String> apiKey;
  private final Duration timeout;
  private final ObjectMapper mapper;
  private volatile boolean collectionReady;

  /**
   * A client of the Qdrant at {@code url}.
   *
   * @param apiKey sent as the {@code api-key} header when present
   */
  public QdrantVectorStore(
      HttpClient http,
      URI url,
      String collection,
      Optional<String> apiKey,
      Duration timeout,
      ObjectMapper mapper) {
    this.http = http;
    this.base = url;
    this.collection = collection;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.mapper = mapper;
  }

  @Override
  public String backend() {
    return "qdrant";
  }

  @Override
  public void upsert(List<ChunkVector> vectors) {
    if (vectors.isEmpty()) {
      return;
    }
    ensureCollection(vectors.get(0).vector().length);
    List<Map<String, Object>> points = new ArrayList<>();
    for (ChunkVector v : vectors) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("scope", v.scope());
      payload.put("document_id", v.documentId());
      payload.put("chunk_index", v.chunkIndex());
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("id", pointId(v.documentId(), v.chunkIndex()));
      point.put("vector", v.vector());
      point.put("payload", payload);
      points.add(point);
    }
    call("PUT", "/collections/" + collection + "/points?wait=true", Map.of("points", points));
  }

  @Override
  public void removeDocument(String documentId) {
    if (!collectionReady && !collectionExists()) {
      return;
    }
    call(
        "POST",
        "/collections/" + collection + "/points/delete?wait=true",
        Map.of("filter", Map.of("must", List.of(match("document_id", "value", documentId)))));
  }

  @Override
  public List<VectorHit> search(float[] query, Collection<String> scopes, int k) {
    if (!collectionReady && !collectionExists()) {
      return List.of();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("vector", query);
    body.put("limit", k);
    body.put("with_payload", true);
    body.put("filter", Map.of("must", List.of(match("scope", "any", List.copyOf(scopes)))));
    JsonNode result =
        call("POST", "/collections/" + collection + "/points/search", body).path("result");
    List<VectorHit> out = new ArrayList<>();
    for (JsonNode hit : result) {
      JsonNode p = hit.path("payload");
      if (!p.path("document_id").isTextual() || !p.path("chunk_index").canConvertToInt()) {
        throw new VectorStoreException("qdrant answered a point without its payload");
      }
      out.add(
          new VectorHit(
              p.path("document_id").asText(),
              p.path("chunk_index").asInt(),
              hit.path("score").asDouble()));
    }
    return out;
  }

  @Override
  public boolean needsLoading() {
    return !collectionExists()
        || call("GET", "/collections/" + collection, null)
                .path("result")
                .path("points_count")
                .asLong()
            == 0;
  }

  @Override
  public void check() {
    ok(send("GET", "/readyz", null));
  }

  /** The point id of a chunk: stable, so re-ingesting overwrites instead of duplicating. */
  static String pointId(String documentId, int chunkIndex) {
    return UUID.nameUUIDFromBytes((documentId + "#" + chunkIndex).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static Map<String, Object> match(String key, String kind, Object value) {
    return Map.of("key", key, "match", Map.of(kind, value));
  }

  private boolean collectionExists() {
    HttpResponse<String> res = send("GET", "/collections/" + collection, null);
    if (res.statusCode() == 404) {
      return false;
    }
    ok(res);
    collectionReady = true;
    return true;
  }

  private void ensureCollection(int dims) {
    if (collectionReady || collectionExists()) {
      return;
    }
    call(
        "PUT",
        "/collections/" + collection,
        Map.of("vectors", Map.of("size", dims, "distance", "Cosine")));
    call(
        "PUT",
        "/collections/" + collection + "/index?wait=true",
        Map.of("field_name", "scope", "field_schema", "keyword"));
    collectionReady = true;
  }

  private JsonNode call(String method, String path, Object body) {
    HttpResponse<String> res = send(method, path, body);
    ok(res);
    try {
      return mapper.readTree(res.body());
    } catch (IOException e) {
      throw new VectorStoreException("qdrant answered invalid JSON");
    }
  }

  private static void ok(HttpResponse<String> res) {
    if (res.statusCode() / 100 != 2) {
      throw new VectorStoreException("qdrant answered HTTP " + res.statusCode());
    }
  }

  private HttpResponse<String> send(String method, String path, Object body) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(Urls.under(base, path))
              .timeout(timeout)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      apiKey.ifPresent(k -> b.header("api-key", k));
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new VectorStoreException("qdrant unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VectorStoreException("qdrant call interrupted");
    }
  }
}
