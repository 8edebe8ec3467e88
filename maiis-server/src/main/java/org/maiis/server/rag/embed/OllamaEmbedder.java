package org.maiis.server.rag.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maiis.server.http.Urls;

/**
 * Embeddings from an Ollama server: {@code POST /api/embed {"model", "input": [texts]}} answers
 * {@code {"embeddings": [[...], ...]}}, one vector per input, in order.
 */
public final class OllamaEmbedder implements Embedder {
  private final HttpClient http;
  private final URI endpoint;
  private final String model;
  private final Duration timeout;
  private final ObjectMapper mapper;

  /**
   * A client of {@code baseUrl}.
   *
   * @param timeout per request
   */
  public OllamaEmbedder(
      HttpClient http, URI baseUrl, String model, Duration timeout, ObjectMapper mapper) {
    this.http = http;
    this.endpoint = Urls.under(baseUrl, "/api/embed");
    this.model = model;
    this.timeout = timeout;
    this.mapper = mapper;
  }

  @Override
  public String provider() {
    return "ollama";
  }

  @Override
  public String model() {
    return "ollama:" + model;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("input", texts);
    HttpResponse<String> res;
    try {
      HttpRequest req =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)))
              .build();
      res = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EmbeddingException(
          "ollama embeddings unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingException("ollama embeddings interrupted");
    }
    if (res.statusCode() != 200) {
      throw new EmbeddingException("ollama embeddings answered HTTP " + res.statusCode());
    }
    return vectors(res.body(), texts.size());
  }

  private List<float[]> vectors(String json, int expected) {
    JsonNode embeddings;
    try {
      embeddings = mapper.readTree(json).path("embeddings");
    } catch (IOException e) {
      throw new EmbeddingException("ollama embeddings answered invalid JSON");
    }
    if (!embeddings.isArray() || embeddings.size() != expected) {
      throw new EmbeddingException(
          "ollama embeddings answered "
              + embeddings.size()
              + " vectors for "
              + expected
              + " texts");
    }
    List<float[]> out = new ArrayList<>(expected);
    int dims = -1;
    for (JsonNode e : embeddings) {
      if (!e.isArray() || e.isEmpty() || (dims >= 0 && e.size() != dims)) {
        throw new EmbeddingException("ollama embeddings answered a malformed vector");
      }
      dims = e.size();
      float[] v = new float[dims];
      for (int i = 0; i < dims; i++) {
        if (!e.get(i).isNumber()) {
          throw new EmbeddingException("ollama embeddings answered a malformed vector");
        }
        v[i] = e.get(i).floatValue();
      }
      out.add(Embedder.normalize(v));
    }
    return out;
  }
}
