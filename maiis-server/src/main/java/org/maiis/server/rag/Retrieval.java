package org.maiis.server.rag;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Function;
import org.maiis.config.ServerConfig;
import org.maiis.server.db.Transactions;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.embed.EmbeddingMetrics;
import org.maiis.server.rag.embed.LocalEmbedder;
import org.maiis.server.rag.embed.MeteredEmbedder;
import org.maiis.server.rag.embed.OllamaEmbedder;
import org.maiis.server.rag.index.EmbeddedVectorStore;
import org.maiis.server.rag.index.LexicalIndex;
import org.maiis.server.rag.index.QdrantVectorStore;
import org.maiis.server.rag.index.VectorStore;

/** Builds the knowledge base's embedder and vector store from the configuration. */
public final class Retrieval {
  private static final Duration QDRANT_TIMEOUT = Duration.ofSeconds(10);

  private Retrieval() {}

  /**
   * The embedder: Ollama's {@code server.llm.embedding_model} when {@code server.llm.ollama_url} is
   * set with one, else the in-process MiniLM model on {@code server.llm.embedding_threads} threads.
   */
  public static Embedder embedder(
      ServerConfig config, HttpClient http, ObjectMapper mapper, EmbeddingMetrics metrics) {
    ServerConfig.Llm llm = config.llm();
    Embedder e =
        llm.ollamaUrl().isPresent() && llm.embeddingModel().isPresent()
            ? new OllamaEmbedder(
                http, llm.ollamaUrl().get(), llm.embeddingModel().get(), llm.timeout(), mapper)
            : new LocalEmbedder(llm.embeddingThreads());
    return new MeteredEmbedder(e, metrics);
  }

  /**
   * The vector store: Qdrant when {@code server.vector_store.qdrant_url} is set, else the embedded
   * index under {@code dataDir/vector-index}.
   */
  public static VectorStore store(
      ServerConfig config,
      Transactions tx,
      Embedder embedder,
      HttpClient http,
      ObjectMapper mapper,
      Function<String, String> env) {
    ServerConfig.VectorStore vs = config.vectorStore();
    if (vs.qdrantUrl().isPresent()) {
      return new QdrantVectorStore(
          http,
          vs.qdrantUrl().get(),
          vs.collection(),
          vs.apiKey().map(k -> k.resolve(env)),
          QDRANT_TIMEOUT,
          mapper);
    }
    return new EmbeddedVectorStore(
        tx, embedder.model(), config.dataDir().resolve("vector-index"), vs.hnswThreshold());
  }

  /** The BM25 index, on disk under {@code dataDir/lexical-index}. */
  public static LexicalIndex lexical(ServerConfig config) {
    return LexicalIndex.open(config.dataDir().resolve("lexical-index"));
  }
}
