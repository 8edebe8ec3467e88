package org.maiis.server.rag.embed;

import java.time.Duration;
import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/** What embedding records. The methods do nothing by default, so {@link #NONE} records nothing. */
public interface EmbeddingMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  EmbeddingMetrics NONE = new EmbeddingMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static EmbeddingMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<EmbeddingMetrics>map(
            m ->
                new EmbeddingMetrics() {
                  @Override
                  public void embedding(String provider, Duration took) {
                    m.embedding(provider, took);
                  }
                })
        .orElse(NONE);
  }

  /** One embedding call (a batch of texts) by provider (local, ollama). */
  default void embedding(String provider, Duration took) {}
}
