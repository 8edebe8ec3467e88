package org.maiis.server.rag.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.MaiisMetrics;
import org.maiis.server.failure.Failure;

/** The Ollama client against a local server speaking Ollama's chat API. */
class OllamaChatIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private FakeOllama ollama;
  private PrometheusRegistry registry;
  private LlmMetrics metrics;

  @BeforeEach
  void start() throws Exception {
    ollama = new FakeOllama();
    registry = new PrometheusRegistry();
    metrics =
        LlmMetrics.from(
            Optional.of(
                MaiisMetrics.register(registry, new BuildInfo("0.1.0", "test"), Path.of("."))));
  }

  @AfterEach
  void stop() {
    ollama.close();
    timer.shutdownNow();
  }

  private OllamaChat client(URI url, Duration timeout) {
    return new OllamaChat(url, "llama3.2", timeout, http, timer, metrics);
  }

  /**
   * Asks "hi" of the server at {@code url} with {@code timeout}, passing pieces to {@code sink};
   * the call must fail.
   */
  private Failure failedChat(URI url, Duration timeout, java.util.function.Consumer<String> sink) {
    return assertThrows(
        Failure.class,
        () -> client(url, timeout).chat(List.of(ChatMessage.user("hi")), Optional.empty(), sink));
  }

  @Test
  void streamsTheAnswerFromTheRequestOllamaExpects() {
    ollama.script(FakeOllama.streaming("Fees are", " 12 euros", " [1]."));
    List<String> chunks = new ArrayList<>();
    Completion c =
        client(ollama.url(), Duration.ofSeconds(10))
            .chat(
                List.of(ChatMessage.system("be brief"), ChatMessage.user("fees?")),
                Optional.of(0.2),
                chunks::add);
    assertEquals(List.of("Fees are", " 12 euros", " [1]."), chunks);
    assertEquals("Fees are 12 euros [1].", c.text());
    assertEquals(26, c.promptTokens());
    assertEquals(3, c.completionTokens());

    FakeOllama.Request r = ollama.requests().get(0);
    assertEquals("POST", r.method());
    assertEquals("/api/chat", r.path());
    assertEquals("application/json", r.contentType());
    JsonNode b = r.body();
    assertEquals("llama3.2", b.path("model").asText());
    assertTrue(b.path("stream").asBoolean(false));
    assertEquals(2, b.path("messages").size());
    assertEquals("system", b.path("messages").get(0).path("role").asText());
    assertEquals("be brief", b.path("messages").get(0).path("content").asText());
    assertEquals("user", b.path("messages").get(1).path("role").asText());
    assertEquals("fees?", b.path("messages").get(1).path("content").asText());
    assertEquals(0.2, b.path("options").path("temperature").asDouble(), 1e-9);

    assertEquals(1.0, counter("llm_requests", "status", "success"));
    assertEquals(26.0, counter("llm_tokens", "type", "prompt"));
    assertEquals(3.0, counter("llm_tokens", "type", "completion"));
  }

  @Test
  void anUnknownModelIs502WithOllamasReason() {
    ollama.script(FakeOllama.error(404, "model \"llama3.2\" not found, try pulling it first"));
    Failure e = failedChat(ollama.url(), Duration.ofSeconds(10), s -> {});
    assertEquals(Failure.Kind.UPSTREAM_FAILED, e.kind());
    assertEquals("llm_error", e.code());
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains("not found, try pulling it first"), e.getMessage());
    assertTrue(ollama.requests().get(0).body().path("options").isMissingNode());
    assertEquals(1.0, counter("llm_requests", "status", "failure"));
  }

  @Test
  void anErrorLineMidStreamIs502AfterThePiecesBeforeIt() {
    ollama.script(FakeOllama.failingMidStream("Partial", "out of memory"));
    List<String> chunks = new ArrayList<>();
    Failure e = failedChat(ollama.url(), Duration.ofSeconds(10), chunks::add);
    assertEquals(List.of("Partial"), chunks);
    assertEquals(Failure.Kind.UPSTREAM_FAILED, e.kind());
    assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
    assertEquals(1.0, counter("llm_requests", "status", "failure"));
  }

  @Test
  void aStalledStreamIsCutAtTheTimeoutAs503() {
    ollama.script(ollama.stallingAfter("Slow"));
    List<String> chunks = new ArrayList<>();
    Failure e = failedChat(ollama.url(), Duration.ofSeconds(2), chunks::add);
    assertEquals(List.of("Slow"), chunks);
    assertEquals(Failure.Kind.UNAVAILABLE, e.kind());
    assertEquals("llm_timeout", e.code());
    assertEquals(1.0, counter("llm_requests", "status", "failure"));
  }

  @Test
  void anUnreachableServerIs503() {
    URI closed = ollama.url();
    ollama.close();
    Failure e = failedChat(closed, Duration.ofSeconds(5), s -> {});
    assertEquals(Failure.Kind.UNAVAILABLE, e.kind());
    assertEquals("llm_unavailable", e.code());
  }

  @Test
  void healthSaysWhetherTheModelIsThere() throws Exception {
    OllamaChat chat = client(ollama.url(), Duration.ofSeconds(5));
    assertEquals(Optional.empty(), chat.unavailableReason());
    ollama.tags("{\"models\":[{\"name\":\"mistral:latest\"}]}");
    assertEquals(Optional.of("Ollama does not have the model llama3.2"), chat.unavailableReason());
    URI closed = ollama.url();
    ollama.close();
    assertEquals(
        Optional.of("Ollama cannot be reached"),
        client(closed, Duration.ofSeconds(2)).unavailableReason());
  }

  private double counter(String name, String label, String value) {
    for (MetricSnapshot s : registry.scrape()) {
      if (s.getMetadata().getName().equals(name) && s instanceof CounterSnapshot c) {
        return c.getDataPoints().stream()
            .filter(d -> value.equals(d.getLabels().get(label)))
            .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
            .sum();
      }
    }
    return 0;
  }
}
