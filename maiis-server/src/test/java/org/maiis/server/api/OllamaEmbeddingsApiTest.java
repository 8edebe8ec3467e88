package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/**
 * The server with {@code server.llm.ollama_url} and {@code embedding_model}: chunks and questions
 * are embedded by a local server speaking Ollama's {@code /api/embed} (bag-of-words vectors), and
 * retrieval keeps answering from BM25 when embeddings fail.
 */
class OllamaEmbeddingsApiTest {
  @Test
  void chunksAndQuestionsAreEmbeddedByOllama(@TempDir Path dir) throws Exception {
    List<JsonNode> requests = new CopyOnWriteArrayList<>();
    HttpServer ollama = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ollama.createContext(
        "/api/embed",
        ex -> {
          JsonNode req = Api.JSON.readTree(ex.getRequestBody().readAllBytes());
          requests.add(req);
          StringBuilder out = new StringBuilder("{\"model\":\"nomic-embed-text\",\"embeddings\":[");
          for (int i = 0; i < req.path("input").size(); i++) {
            out.append(i == 0 ? "" : ",").append(vector(req.path("input").get(i).asText()));
          }
          byte[] b = out.append("]}").toString().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    // With ollama_url set the answers are generated too: a fixed, cited answer.
    ollama.createContext(
        "/api/chat",
        ex -> {
          ex.getRequestBody().readAllBytes();
          byte[] b =
              ("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":"
                      + "\"Boxes cost 80 euros a year [1].\"},\"done\":false}\n"
                      + "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":"
                      + "\"\"},\"done\":true,\"prompt_eval_count\":20,\"eval_count\":8}\n")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    ollama.start();
    String url = "http://127.0.0.1:" + ollama.getAddress().getPort();
    try (Harness h =
        Harness.start(
            dir,
            Backend.embedded(),
            "  llm:\n    ollama_url: " + url + "\n    embedding_model: nomic-embed-text\n")) {
      Api api = h.api;
      Session alice = api.newUser();
      String text = "Safe deposit boxes are rented for 80 euros a year at every branch.";
      String boundary = "----maiis-o";
      Res up =
          api.send(
              "POST",
              "/api/documents/upload?ingest_to_kb=true",
              alice.access(),
              "multipart/form-data; boundary=" + boundary,
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"boxes.txt\""
                  + "\r\nContent-Type: text/plain\r\n\r\n"
                  + text
                  + "\r\n--"
                  + boundary
                  + "--\r\n");
      assertEquals(201, up.status(), up.body());
      JsonNode ingest =
          requests.stream()
              .filter(r -> r.path("input").get(0).asText().contains("Safe deposit"))
              .findFirst()
              .orElseThrow();
      assertEquals("nomic-embed-text", ingest.path("model").asText());

      String id = up.json().path("id").asText();
      JsonNode answer =
          api.post(
                  "/api/chat/message", alice.access(), Map.of("message", "rent a safe deposit box"))
              .json();
      assertEquals(id, answer.path("sources").get(0).path("document_id").asText());
      assertTrue(
          requests.stream()
              .anyMatch(r -> r.path("input").get(0).asText().equals("rent a safe deposit box")),
          "the question is embedded by Ollama");
      String metrics = api.get("/metrics", null).body();
      assertTrue(
          metrics.contains("embedding_duration_seconds_count{provider=\"ollama\""), "metric");
      assertFalse(metrics.contains("embedding_duration_seconds_count{provider=\"local\""));

      // Embeddings gone (the model unloaded): retrieval answers from BM25 alone.
      ollama.removeContext("/api/embed");
      JsonNode degraded =
          api.post("/api/chat/message", alice.access(), Map.of("message", "safe deposit box"))
              .json();
      assertEquals(id, degraded.path("sources").get(0).path("document_id").asText());
    } finally {
      ollama.stop(0);
    }
  }

  // 32 dimensions, one per hashed word: texts sharing words point the same way.
  private static String vector(String text) {
    double[] v = new double[32];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (w.length() > 2) {
        v[Math.floorMod(w.hashCode(), 32)] += 1;
      }
    }
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ",").append(v[i]);
    }
    return s.append(']').toString();
  }
}
