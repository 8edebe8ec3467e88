package org.maiis.server.rag.embed;

import java.time.Duration;
import java.util.List;

/** Records each call's duration in {@code embedding_duration_seconds} by provider. */
public final class MeteredEmbedder implements Embedder {
  private final Embedder inner;
  private final EmbeddingMetrics metrics;

  /** Meters {@code inner}. */
  public MeteredEmbedder(Embedder inner, EmbeddingMetrics metrics) {
    this.inner = inner;
    this.metrics = metrics;
  }

  @Override
  public String provider() {
    return inner.provider();
  }

  @Override
  public String model() {
    return inner.model();
  }

  @Override
  public void warmUp() {
    inner.warmUp();
  }

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
