package org.maiis.server.rag.embed;

import java.time.Duration;
import java.util.List;

/**
 * Records each call's duration in {@code embedding_duration_seconds} by provider.
 *
 * @param inner the embedder it meters
 * @param metrics where it records
 */
public record MeteredEmbedder(Embedder inner, EmbeddingMetrics metrics)
    implements EmbedderDecorator {
  @Override
  public List<float[]> embed(List<String> texts) {
    long start = System.nanoTime();
    try {
      return inner.embed(texts);
    } finally {
      metrics.embedding(inner.provider(), Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
