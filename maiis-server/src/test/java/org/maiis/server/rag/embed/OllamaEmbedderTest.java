package org.maiis.server.rag.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maiis.testing.JsonReplies;

/** The Ollama client against a local server speaking Ollama's /api/embed. */
class OllamaEmbedderTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicReference<Responder> responder = new AtomicReference<>();
  private HttpServer server;

  interface Responder {
    void respond(HttpExchange ex, JsonNode request) throws Exception;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/api/embed",
        ex -> {
          try {
            JsonNode body = mapper.readTree(ex.getRequestBody().readAllBytes());
            if (!ex.getRequestMethod().equals("POST")) {
              JsonReplies.send(ex, 405, "{}");
              return;
            }
            requests.add(body);
            contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
            responder.get().respond(ex, body);
          } catch (Exception e) {
            JsonReplies.send(ex, 599, "{}");
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OllamaEmbedder client(Duration timeout) {
    return new OllamaEmbedder(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
        "nomic-embed-text",
        timeout,
        mapper);
  }

  @Test
  void sendsModelAndInputsAndReturnsUnitVectorsInOrder() {
    responder.set(
        (ex, req) -> {
          StringBuilder vs = new StringBuilder();
          for (int i = 0; i < req.path("input").size(); i++) {
            vs.append(i == 0 ? "" : ",").append("[").append(3 * (i + 1)).append(",4,0]");
          }
          JsonReplies.send(
              ex,
              200,
              "{\"model\":\"nomic-embed-text\",\"embeddings\":[" + vs + "],\"total_duration\":1}");
        });
    List<float[]> out = client(Duration.ofSeconds(5)).embed(List.of("card fees", "loan rates"));
    JsonNode req = requests.get(0);
    assertEquals("application/json", contentTypes.get(0));
    assertEquals("nomic-embed-text", req.path("model").asText());
    assertEquals(2, req.path("input").size());
    assertEquals("card fees", req.path("input").get(0).asText());
    assertEquals("loan rates", req.path("input").get(1).asText());
    assertEquals(2, req.size(), "only model and input are sent: " + req);
    assertArrayEquals(new float[] {0.6f, 0.8f, 0f}, out.get(0), 1e-6f);
    assertArrayEquals(
        new float[] {(float) (6 / Math.sqrt(52)), (float) (4 / Math.sqrt(52)), 0f},
        out.get(1),
        1e-6f);
  }

  @Test
  void providerAndModelNameTheOllamaModel() {
    OllamaEmbedder e = client(Duration.ofSeconds(1));
    assertEquals("ollama", e.provider());
    assertEquals("ollama:nomic-embed-text", e.model());
    assertEquals(List.of(), e.embed(List.of()));
    assertTrue(requests.isEmpty(), "nothing to embed sends nothing");
  }

  @Test
  void errorStatusesMalformedAnswersAndTimeoutsFailWithAClearMessage() {
    responder.set((ex, req) -> JsonReplies.send(ex, 500, "{\"error\":\"model not found\"}"));
    EmbeddingException e =
        assertThrows(EmbeddingException.class, () -> client(Duration.ofSeconds(5)).embed("x"));
    assertEquals("ollama embeddings answered HTTP 500", e.getMessage());

    responder.set((ex, req) -> JsonReplies.send(ex, 200, "{\"embeddings\":[[1,2],[3,4]]}"));
    e = assertThrows(EmbeddingException.class, () -> client(Duration.ofSeconds(5)).embed("x"));
    assertEquals("ollama embeddings answered 2 vectors for 1 texts", e.getMessage());

    responder.set((ex, req) -> JsonReplies.send(ex, 200, "{\"embeddings\":[[1,\"a\"]]}"));
    e = assertThrows(EmbeddingException.class, () -> client(Duration.ofSeconds(5)).embed("x"));
    assertEquals("ollama embeddings answered a malformed vector", e.getMessage());

    responder.set((ex, req) -> JsonReplies.send(ex, 200, "not json"));
    e = assertThrows(EmbeddingException.class, () -> client(Duration.ofSeconds(5)).embed("x"));
    assertEquals("ollama embeddings answered invalid JSON", e.getMessage());

    responder.set(
        (ex, req) -> {
          Thread.sleep(3000);
          JsonReplies.send(ex, 200, "{\"embeddings\":[[1]]}");
        });
    e = assertThrows(EmbeddingException.class, () -> client(Duration.ofMillis(300)).embed("x"));
    assertEquals("ollama embeddings unreachable: HttpTimeoutException", e.getMessage());
  }

  @Test
  void anUnreachableServerFails() {
    server.stop(0);
    EmbeddingException e =
        assertThrows(EmbeddingException.class, () -> client(Duration.ofSeconds(2)).embed("x"));
    assertTrue(e.getMessage().startsWith("ollama embeddings unreachable: "), e.getMessage());
  }
}
