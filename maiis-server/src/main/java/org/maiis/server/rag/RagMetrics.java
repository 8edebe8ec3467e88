package org.maiis.server.rag;

import java.time.Duration;
import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/**
 * What the knowledge base and chat records. The methods do nothing by default, so {@link #NONE}
 * records nothing.
 */
public interface RagMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  RagMetrics NONE = new RagMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static RagMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<RagMetrics>map(
            m ->
                new RagMetrics() {
                  @Override
                  public void ragPipeline(Duration took, Optional<String> failedStage) {
                    m.ragPipeline(took, failedStage);
                  }

                  @Override
                  public void vectorSearch(String provider, Duration took) {
                    m.vectorSearch(provider, took);
                  }
                })
        .orElse(NONE);
  }

  /** A RAG answer's duration and the stage that failed, if one did. */
  default void ragPipeline(Duration took, Optional<String> failedStage) {}

  /** A search over the knowledge base by provider (the index that served it). */
  default void vectorSearch(String provider, Duration took) {}
}
