package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.server.rag.llm.FakeOllama;

/**
 * Chat answers run on their own bounded pool ({@code llm.chat_workers}, {@code llm.chat_queue}):
 * when it is full, one more question is refused at once with 503 and Retry-After, and banking and
 * auth keep answering meanwhile.
 */
class ChatBulkheadTest {

  @Test
  void aFullChatPoolRefusesTheNextQuestionAndBankingStillAnswers(@TempDir Path dir)
      throws Exception {
    try (FakeOllama ollama = new FakeOllama()) {
      ollama.script(ollama.stallingAfter("Let me think"));
      try (Harness h =
          Harness.start(
              dir,
              Backend.embedded(),
              "  llm:\n    ollama_url: "
                  + ollama.url()
                  + "\n    timeout: 60s\n    chat_workers: 1\n    chat_queue: 0\n")) {
        Session alice = h.api.newUser();
        HttpClient client = HttpClient.newHttpClient();
        // One question holds the only chat worker: the model stalls after its first piece.
        CompletableFuture<HttpResponse<String>> held =
            client.sendAsync(
                HttpRequest.newBuilder(URI.create(h.api.base() + "/api/chat/stream"))
                    .header("Authorization", "Bearer " + alice.access())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"fees?\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ollama.requests().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(1, ollama.requests().size(), "the first question reached the model");

        Res busy = h.api.post("/api/chat/message", alice.access(), Map.of("message", "limits?"));
        assertEquals(503, busy.status(), busy.body());
        assertEquals("busy", busy.code());
        assertNotNull(busy.header("Retry-After"));
        assertEquals(1, ollama.requests().size(), "the refused question never reached the model");

        assertEquals(200, h.api.get("/api/auth/me", alice.access()).status());
        Res open =
            h.api.post(
                "/api/banking/accounts",
                alice.access(),
                Map.of("account_type", "checking", "currency", "USD", "initial_balance", 5));
        assertEquals(201, open.status(), open.body());
        assertFalse(held.isDone(), "the first question is still being answered");

        // Released, the model ends the stream and the held question completes.
        ollama.close();
        assertEquals(200, held.get().statusCode());
      }
    }
  }
}
