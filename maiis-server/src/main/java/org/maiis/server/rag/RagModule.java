package org.maiis.server.rag;

import io.javalin.config.RoutesConfig;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.maiis.config.ServerConfig;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.auth.WebSocketAuth;
import org.maiis.server.http.WebSocketMetrics;
import org.maiis.server.platform.Platform;
import org.maiis.server.platform.ServerModule;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.embed.EmbeddingMetrics;
import org.maiis.server.rag.index.LexicalSearch;
import org.maiis.server.rag.index.VectorStore;
import org.maiis.server.rag.llm.LlmMetrics;
import org.maiis.server.rag.llm.OllamaChat;
import org.maiis.server.work.Bulkhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The knowledge base and chat (HTTP and WebSocket), answered by the LLM or extractively. */
public final class RagModule implements ServerModule {
  private static final Logger LOG = LoggerFactory.getLogger(RagModule.class);
  private final Embedder embedder;
  private final VectorStore vectors;
  private final KnowledgeBase kb;
  private final ChatService chat;
  private final ChatController controller;
  private final ChatSocket socket;
  private final Bulkhead chatWork;
  // Index maintenance is one slow lane: the lexical index's catch-up and fsync, the model load and
  // backfills never run on request threads.
  private final ScheduledExecutorService background =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "maiis-kb-prepare");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  /** Builds the area on {@code p}; starts preparing the knowledge base in the background. */
  public RagModule(Platform p, Authenticator authenticator, WebSocketAuth webSockets) {
    ServerConfig config = p.config();
    this.embedder =
        Retrieval.embedder(config, p.providers(), p.mapper(), EmbeddingMetrics.from(p.catalog()));
    this.vectors = Retrieval.store(config, p.tx(), embedder, p.providers(), p.mapper(), p.env());
    RagMetrics metrics = RagMetrics.from(p.catalog());
    this.kb =
        new KnowledgeBase(
            p.tx(),
            embedder,
            vectors,
            new LexicalSearch(p.tx(), Retrieval.lexical(config), embedder.model()),
            metrics);
    ServerConfig.Llm llmCfg = config.llm();
    Optional<OllamaChat> llm =
        llmCfg
            .ollamaUrl()
            .map(
                url ->
                    new OllamaChat(
                        url,
                        llmCfg.model(),
                        llmCfg.timeout(),
                        p.providers(),
                        p.timer(),
                        LlmMetrics.from(p.catalog())));
    ChatHistory history = new ChatHistory(p.tx(), p.mapper(), p.clock());
    this.chat = new ChatService(kb, llm, history, metrics);
    // Answers (retrieval, extraction or a language-model stream) run on their own bounded pool:
    // a burst of questions queues there or gets 503, and never holds the request threads or the
    // CPU that banking and auth need beyond chat_workers threads.
    this.chatWork = new Bulkhead("chat", llmCfg.chatWorkers(), llmCfg.chatQueue());
    this.controller =
        new ChatController(chat, history, authenticator, p.bodies(), p.mapper(), chatWork);
    this.socket =
        new ChatSocket(chat, webSockets, p.mapper(), WebSocketMetrics.from(p.catalog()), chatWork);
    prepare();
    // A question applies what changed since the last catch-up itself (read-your-writes across
    // instances); this keeps that work small after bulk ingests (the vector store's HNSW graph
    // included) and makes the lexical index durable.
    background.scheduleWithFixedDelay(this::maintainIndex, 1, 1, TimeUnit.SECONDS);
  }

  private void maintainIndex() {
    try {
      kb.maintainIndex();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("could not bring the knowledge-base indexes up to date: {}", e.getMessage());
      }
    }
  }

  /** The knowledge base (documents ingest into it). */
  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  /** The vector store (readiness checks). */
  public VectorStore vectors() {
    return vectors;
  }

  /** Answers questions (voice chat asks it too). */
  public ChatService chat() {
    return chat;
  }

  @Override
  public void routes(RoutesConfig routes) {
    controller.register(routes);
    socket.register(routes);
  }

  // In the background so the port opens at once: loads the embedding model (the first query would
  // pay ~1 s otherwise), brings the lexical index and the vector store up to date with the table
  // (a rebuild when one is missing), fills an empty Qdrant collection from the table, and embeds
  // chunks
  // stored before vectors existed or under another model.
  private void prepare() {
    background.execute(
        () -> {
          try {
            embedder.warmUp();
            kb.maintainIndex();
            int copied = kb.loadStore();
            if (copied > 0) {
              LOG.info("copied {} stored vectors into the new vector store", copied);
            }
            int embedded = kb.backfill();
            if (embedded > 0) {
              LOG.info("embedded {} knowledge-base chunks that had no vector", embedded);
            }
          } catch (RuntimeException e) {
            if (!closed) {
              LOG.warn("could not prepare the knowledge base: {}", e.getMessage());
            }
          }
        });
  }

  @Override
  public void close() {
    closed = true;
    background.shutdownNow();
    chatWork.close();
    vectors.close();
    kb.close();
  }
}
