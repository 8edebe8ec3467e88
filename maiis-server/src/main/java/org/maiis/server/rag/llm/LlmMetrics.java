package org.maiis.server.rag.llm;

import java.time.Duration;
import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/**
 * What the language model records. The methods do nothing by default, so {@link #NONE} records
 * nothing.
 */
public interface LlmMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  LlmMetrics NONE = new LlmMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static LlmMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<LlmMetrics>map(
            m ->
                new LlmMetrics() {
                  @Override
                  public void llmRequest(
                      String model,
                      boolean succeeded,
                      Duration took,
                      long promptTokens,
                      long completionTokens) {
                    m.llmRequest(model, succeeded, took, promptTokens, completionTokens);
                  }
                })
        .orElse(NONE);
  }

  /** A language-model request: model, outcome, latency and the tokens it reported. */
  default void llmRequest(
      String model, boolean succeeded, Duration took, long promptTokens, long completionTokens) {}
}
