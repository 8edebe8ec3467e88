package org.maiis.server.rag.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Urls;

/**
 * Ollama's {@code POST /api/chat} with {@code stream: true}: the answer arrives as NDJSON lines,
 * each with a piece of {@code message.content}, the last with {@code done: true} and the token
 * counts. The configured timeout bounds the whole exchange, streaming included. Failures are {@link
 * Failure}s: 503 when Ollama cannot be reached or is too slow (retrying may help), 502 when it
 * answers with an error or something that is not its protocol.
 */
public final class OllamaChat {
  private static final int MAX_LINE = 1 << 20;
  private final URI base;
  private final String model;
  private final Duration timeout;
  private final HttpClient client;
  private final ScheduledExecutorService timer;
  private final ObjectMapper mapper = new ObjectMapper();
  private final LlmMetrics metrics;

  /**
   * A client of the Ollama server at {@code base}.
   *
   * @param timer closes exchanges that outlive {@code timeout}
   */
  public OllamaChat(
      URI base,
      String model,
      Duration timeout,
      HttpClient client,
      ScheduledExecutorService timer,
      LlmMetrics metrics) {
    this.base = base;
    this.model = model;
    this.timeout = timeout;
    this.client = client;
    this.timer = timer;
    this.metrics = metrics;
  }

  /** The model answers are generated with. */
  public String model() {
    return model;
  }

  /**
   * Generates the assistant's reply to {@code messages}, passing each piece to {@code onChunk} as
   * it arrives.
   *
   * @param temperature sampling temperature, empty for the model's default
   */
  public Completion chat(
      List<ChatMessage> messages, Optional<Double> temperature, Consumer<String> onChunk) {
    long start = System.nanoTime();
    long[] tokens = new long[2];
    boolean ok = false;
    try {
      Completion c = exchange(messages, temperature, onChunk, tokens);
      ok = true;
      return c;
    } finally {
      metrics.llmRequest(
          model, ok, Duration.ofNanos(System.nanoTime() - start), tokens[0], tokens[1]);
    }
  }

  private Completion exchange(
      List<ChatMessage> messages,
      Optional<Double> temperature,
      Consumer<String> onChunk,
      long[] tokens) {
    ObjectNode body = mapper.createObjectNode();
    body.put("model", model);
    body.put("stream", true);
    var list = body.putArray("messages");
    for (ChatMessage m : messages) {
      list.addObject().put("role", m.role()).put("content", m.content());
    }
    temperature.ifPresent(t -> body.putObject("options").put("temperature", t));
    HttpRequest request =
        HttpRequest.newBuilder(Urls.under(base, "/api/chat"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw Failure.unavailable("llm_unavailable", "the language model cannot be reached");
    } catch (HttpTimeoutException e) {
      throw timedOut();
    } catch (IOException e) {
      throw Failure.unavailable("llm_unavailable", "the language model cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failure.unavailable("llm_unavailable", "interrupted");
    }
    AtomicBoolean expired = new AtomicBoolean();
    InputStream in = response.body();
    // HttpRequest.timeout only covers the response headers; a stalled stream is cut here.
    ScheduledFuture<?> deadline =
        timer.schedule(
            () -> {
              expired.set(true);
              closeQuietly(in);
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      if (response.statusCode() != 200) {
        throw Failure.of(
            Failure.Kind.UPSTREAM_FAILED,
            "llm_error",
            "the language model answered HTTP "
                + response.statusCode()
                + errorOf(reader).map(e -> ": " + e).orElse(""));
      }
      StringBuilder text = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (line.length() > MAX_LINE) {
          throw badProtocol();
        }
        JsonNode node = parse(line);
        if (node.hasNonNull("error")) {
          throw Failure.of(
              Failure.Kind.UPSTREAM_FAILED,
              "llm_error",
              "the language model failed: " + brief(node.get("error").asText()));
        }
        String piece = node.path("message").path("content").asText("");
        if (!piece.isEmpty()) {
          text.append(piece);
          onChunk.accept(piece);
        }
        if (node.path("done").asBoolean(false)) {
          tokens[0] = node.path("prompt_eval_count").asLong(0);
          tokens[1] = node.path("eval_count").asLong(0);
          return new Completion(text.toString(), tokens[0], tokens[1]);
        }
      }
      throw Failure.of(
          Failure.Kind.UPSTREAM_FAILED,
          "llm_error",
          "the language model closed the stream before it was done");
    } catch (IOException e) {
      if (expired.get()) {
        throw timedOut();
      }
      throw Failure.of(
          Failure.Kind.UPSTREAM_FAILED, "llm_error", "the language model stream broke off");
    } finally {
      deadline.cancel(false);
    }
  }

  /**
   * Why the model cannot serve now, asked from Ollama's {@code GET /api/tags}; empty when it is
   * reachable and has the model.
   */
  public Optional<String> unavailableReason() {
    HttpRequest request =
        HttpRequest.newBuilder(Urls.under(base, "/api/tags"))
            .timeout(timeout.compareTo(Duration.ofSeconds(3)) < 0 ? timeout : Duration.ofSeconds(3))
            .GET()
            .build();
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Optional.of("Ollama answered HTTP " + r.statusCode());
      }
      for (JsonNode m : mapper.readTree(r.body()).path("models")) {
        String name = m.path("name").asText();
        if (name.equals(model) || name.equals(model + ":latest")) {
          return Optional.empty();
        }
      }
      return Optional.of("Ollama does not have the model " + model);
    } catch (IOException e) {
      return Optional.of("Ollama cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private JsonNode parse(String line) {
    try {
      JsonNode node = mapper.readTree(line);
      if (node == null || !node.isObject()) {
        throw badProtocol();
      }
      return node;
    } catch (IOException e) {
      throw badProtocol();
    }
  }

  private Optional<String> errorOf(BufferedReader reader) throws IOException {
    char[] buf = new char[4096];
    int n = reader.read(buf);
    if (n <= 0) {
      return Optional.empty();
    }
    try {
      JsonNode node = mapper.readTree(new String(buf, 0, n));
      return node != null && node.hasNonNull("error")
          ? Optional.of(brief(node.get("error").asText()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  // Ollama's own messages (model not found, out of memory) help the operator; bounded in size.
  private static String brief(String s) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) : oneLine;
  }

  private Failure timedOut() {
    return Failure.unavailable(
        "llm_timeout", "the language model did not answer within " + timeout.toSeconds() + " s");
  }

  private static Failure badProtocol() {
    return Failure.of(
        Failure.Kind.UPSTREAM_FAILED, "llm_error", "the language model sent a malformed response");
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Closing is how the read is interrupted; nothing else to do.
    }
  }
}
