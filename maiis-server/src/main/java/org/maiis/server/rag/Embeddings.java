package org.maiis.server.rag;

import java.util.ArrayList;
import java.util.List;
import org.maiis.server.failure.Failure;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.embed.EmbeddingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Embedding many texts for the knowledge base: in batches, a provider failure as a 503. */
final class Embeddings {
  /** Texts per call to the embedder. */
  static final int BATCH = 32;

  private static final Logger LOG = LoggerFactory.getLogger(Embeddings.class);

  private Embeddings() {}

  /**
   * {@code texts} embedded in batches.
   *
   * @throws Failure 503 when the embedding provider fails
   */
  static List<float[]> embedAll(Embedder embedder, List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    try {
      for (int i = 0; i < texts.size(); i += BATCH) {
        out.addAll(embedder.embed(texts.subList(i, Math.min(texts.size(), i + BATCH))));
      }
    } catch (EmbeddingException e) {
      LOG.warn("embedding failed: {}", e.getMessage());
      throw Failure.unavailable("embedding_unavailable", "the embedding provider is unavailable");
    }
    return out;
  }
}
