package org.maiis.server.rag;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.maiis.server.Instrumentation;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.http.Fields;

/**
 * {@code POST /api/chat/message}: without a language model the answer is extractive — sentences
 * quoted from the caller's best-matching passages, labelled {@code "mode": "extractive"} — with the
 * passages as citations.
 */
public final class ChatController {
  private static final int TOP_K = 5;
  private static final int MAX_MESSAGE = 4000;

  /** The request; {@code conversation_history} and {@code stream} are accepted and ignored. */
  public record MessageRequest(String message) {}

  /**
   * A cited passage.
   *
   * @param documentId the document
   * @param filename its original filename
   * @param chunkIndex the chunk within it
   * @param score hybrid retrieval score in (0, 1]
   * @param text the passage
   */
  public record Source(
      String documentId, String filename, int chunkIndex, double score, String text) {}

  /**
   * The answer.
   *
   * @param mode always {@code extractive} here: quoted, not generated
   * @param response the quoted sentences with [n] marks pointing into sources (1-based); empty when
   *     nothing matched
   * @param sources the passages, best first
   */
  public record MessageResponse(String mode, String response, List<Source> sources) {}

  private final KnowledgeBase kb;
  private final Authenticator authenticator;
  private final Bodies bodies;
  private final Instrumentation metrics;

  /** Answers from {@code kb}. */
  public ChatController(
      KnowledgeBase kb, Authenticator authenticator, Bodies bodies, Instrumentation metrics) {
    this.kb = kb;
    this.authenticator = authenticator;
    this.bodies = bodies;
    this.metrics = metrics;
  }

  /** Registers the route. */
  public void register(RoutesConfig routes) {
    routes.post("/api/chat/message", ErrorResponses.handled(this::message));
  }

  private void message(Context ctx) {
    String user = authenticator.require(ctx).userId();
    String message =
        Fields.required("message", bodies.read(ctx, MessageRequest.class).message(), MAX_MESSAGE);
    long start = System.nanoTime();
    List<Passage> passages;
    try {
      passages = kb.search(user, message, TOP_K);
    } catch (RuntimeException e) {
      metrics.ragPipeline(Duration.ofNanos(System.nanoTime() - start), Optional.of("retrieval"));
      throw e;
    }
    String answer = ExtractiveAnswer.of(message, passages);
    metrics.ragPipeline(Duration.ofNanos(System.nanoTime() - start), Optional.empty());
    ctx.json(
        new MessageResponse(
            "extractive",
            answer,
            passages.stream()
                .map(
                    p ->
                        new Source(
                            p.documentId(),
                            p.filename(),
                            p.chunkIndex(),
                            Math.round(p.score() * 1000) / 1000.0,
                            p.content()))
                .toList()));
  }
}
