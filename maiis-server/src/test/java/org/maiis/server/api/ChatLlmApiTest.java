package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.server.api.ChatClients.Socket;
import org.maiis.server.api.ChatClients.Stream;
import org.maiis.server.rag.ChatService;
import org.maiis.server.rag.llm.FakeOllama;
import org.maiis.testing.Counters;

/** The chat with a language model configured: a local server speaking Ollama's API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatLlmApiTest {
  private static final String FEES =
      "# Fees\nAn overdraft costs 12 euros per month. Paper statements cost 2 euros each.";
  private static final String QUESTION = "How much does an overdraft cost?";
  @AutoClose private FakeOllama ollama;
  @AutoClose private Harness h;
  private Api api;
  private Session alice;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ollama = new FakeOllama();
    h =
        Harness.start(
            dir,
            Backend.embedded(),
            "  llm:\n    ollama_url: " + ollama.url() + "\n    model: llama3.2\n    timeout: 2s\n");
    api = h.api;
    alice = api.newUser();
    Uploads.ingest(api, alice, "fees.txt", FEES);
  }

  @Test
  void aModelThatAnswersNothingGivesTheFoundNothingAnswerWithoutSources() {
    ollama.script(FakeOllama.streaming());
    Res r = api.post("/api/chat/message", alice.access(), Map.of("message", QUESTION));
    assertEquals(200, r.status(), r.body());
    assertEquals("generated", r.json().path("mode").asText());
    assertEquals(ChatService.NOTHING_FOUND, r.json().path("response").asText());
    assertEquals(0, r.json().path("sources").size(), r.body());
  }

  @Test
  void theAnswerIsGeneratedFromAGroundedPromptAndCitesItsPassages() {
    ollama.script(FakeOllama.streaming("An overdraft", " costs 12 euros", " a month [1]."));
    int before = ollama.requests().size();
    Res r =
        api.ask(
            alice,
            QUESTION,
            List.of(
                Map.of("role", "user", "content", "hello"),
                Map.of("role", "assistant", "content", "Hello! How can I help?")));
    assertEquals(200, r.status(), r.body());
    assertEquals("generated", r.json().path("mode").asText());
    assertEquals("An overdraft costs 12 euros a month [1].", r.json().path("response").asText());
    assertEquals("fees.txt", r.json().path("sources").get(0).path("filename").asText());

    JsonNode sent = ollama.requests().get(before).body();
    assertEquals("llama3.2", sent.path("model").asText());
    assertTrue(sent.path("stream").asBoolean());
    JsonNode messages = sent.path("messages");
    assertEquals(4, messages.size());
    assertEquals("system", messages.get(0).path("role").asText());
    assertTrue(
        messages.get(0).path("content").asText().contains("using only the numbered passages"));
    assertEquals("hello", messages.get(1).path("content").asText());
    assertEquals("assistant", messages.get(2).path("role").asText());
    String user = messages.get(3).path("content").asText();
    assertEquals("user", messages.get(3).path("role").asText());
    assertTrue(user.contains("[1] (fees.txt)\nFees\nAn overdraft costs 12 euros"), user);
    assertTrue(user.endsWith("Question: " + QUESTION), user);

    JsonNode turn =
        api.get("/api/chat/history?limit=1", alice.access()).json().path("turns").get(0);
    assertEquals("generated", turn.path("mode").asText());
    assertEquals("An overdraft costs 12 euros a month [1].", turn.path("response").asText());

    String metrics = api.get("/metrics", null).body();
    assertTrue(
        metrics.contains("llm_requests_total{model=\"llama3.2\",status=\"success\"}"), metrics);
    assertTrue(metrics.contains("llm_tokens_total{model=\"llama3.2\",type=\"prompt\"}"));
  }

  @Test
  void theStreamRelaysTheModelsPiecesAndAMidStreamFailureIsAnErrorEvent() throws Exception {
    ollama.script(FakeOllama.streaming("An overdraft", " costs 12 euros [1]."));
    String body = Api.JSON.writeValueAsString(Map.of("message", QUESTION));
    Stream ok = ChatClients.sse(api, "/api/chat/stream", alice.access(), body);
    assertEquals(200, ok.status());
    assertEquals("An overdraft", ok.events().get(0).data());
    assertEquals(" costs 12 euros [1].", ok.events().get(1).data());
    assertEquals("sources", ok.events().get(2).name());
    assertEquals("[DONE]", ok.events().get(3).data());

    ollama.script(FakeOllama.failingMidStream("An overdraft", "out of memory"));
    Stream broken = ChatClients.sse(api, "/api/chat/stream", alice.access(), body);
    assertEquals(200, broken.status());
    assertEquals("An overdraft", broken.events().get(0).data());
    assertEquals("error", broken.events().get(1).name());
    JsonNode error = Api.JSON.readTree(broken.events().get(1).data()).path("error");
    assertEquals("llm_error", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("out of memory"));
    assertEquals("[DONE]", broken.events().get(2).data());

    // Failing before the first piece: a plain JSON error with its status.
    ollama.script(FakeOllama.error(404, "model \"llama3.2\" not found"));
    Stream refused = ChatClients.sse(api, "/api/chat/stream", alice.access(), body);
    assertEquals(502, refused.status());
    assertTrue(refused.body().contains("llm_error"), refused.body());
  }

  @Test
  void modelFailuresAre502And503JsonErrors() {
    ollama.script(FakeOllama.error(500, "model runner crashed"));
    Res crashed = api.post("/api/chat/message", alice.access(), Map.of("message", QUESTION));
    assertEquals(502, crashed.status());
    assertEquals("llm_error", crashed.code());
    assertTrue(crashed.body().contains("model runner crashed"), crashed.body());

    ollama.script(ollama.stallingAfter("An"));
    Res slow = api.post("/api/chat/message", alice.access(), Map.of("message", QUESTION));
    assertEquals(503, slow.status());
    assertEquals("llm_timeout", slow.code());
    assertEquals("1", slow.header("Retry-After"));
    String metrics = api.get("/metrics", null).body();
    assertTrue(
        Counters.sumInText(metrics, "rag_pipeline_errors_total{stage=\"generation\"}") > 0,
        "generation errors");
    assertTrue(
        Counters.sumInText(metrics, "llm_requests_total{model=\"llama3.2\",status=\"failure\"}")
            > 0);
  }

  @Test
  void theWebSocketStreamsTheModelsPiecesAndReportsFailuresAsFrames() throws Exception {
    try (Socket s = Socket.open(api, "Bearer " + alice.access())) {
      assertEquals("ready", s.next().path("type").asText());
      ollama.script(FakeOllama.streaming("An overdraft", " costs 12 euros [1]."));
      s.send("{\"message\":\"" + QUESTION + "\",\"temperature\":0.3,\"top_k\":2}");
      assertEquals("An overdraft", s.next().path("response").asText());
      assertEquals(" costs 12 euros [1].", s.next().path("response").asText());
      JsonNode done = s.next();
      assertTrue(done.path("done").asBoolean());
      assertEquals("generated", done.path("mode").asText());
      JsonNode sent = ollama.requests().get(ollama.requests().size() - 1).body();
      assertEquals(0.3, sent.path("options").path("temperature").asDouble(), 1e-9);

      ollama.script(FakeOllama.error(404, "model not found"));
      s.send("{\"message\":\"" + QUESTION + "\",\"use_context\":false}");
      JsonNode error = s.next();
      assertEquals("error", error.path("type").asText());
      assertEquals("llm_error", error.path("code").asText());
      JsonNode ungrounded = ollama.requests().get(ollama.requests().size() - 1).body();
      assertEquals(2, ungrounded.path("messages").size());
      assertEquals(QUESTION, ungrounded.path("messages").get(1).path("content").asText());
    }
  }

  @Test
  void healthAsksOllamaForTheModel() {
    ollama.tags("{\"models\":[{\"name\":\"llama3.2:latest\"}]}");
    Res ok = api.get("/api/chat/health", alice.access());
    assertEquals("generated", ok.json().path("mode").asText());
    assertEquals("ollama", ok.json().path("llm").path("provider").asText());
    assertEquals("ok", ok.json().path("llm").path("status").asText());
    ollama.tags("{\"models\":[]}");
    Res missing = api.get("/api/chat/health", alice.access());
    assertEquals("unavailable", missing.json().path("llm").path("status").asText());
    assertEquals(
        "Ollama does not have the model llama3.2",
        missing.json().path("llm").path("reason").asText());
  }
}
