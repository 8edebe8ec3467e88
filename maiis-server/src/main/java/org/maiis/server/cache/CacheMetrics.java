package org.maiis.server.cache;

import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/**
 * What the shared state (cache) records. The methods do nothing by default, so {@link #NONE}
 * records nothing.
 */
public interface CacheMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  CacheMetrics NONE = new CacheMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static CacheMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<CacheMetrics>map(
            m ->
                new CacheMetrics() {
                  @Override
                  public void cacheOperation(String operation, String status) {
                    m.cacheOperation(operation, status);
                  }
                })
        .orElse(NONE);
  }

  /** A cache operation (get/set/delete) and its outcome (hit/miss/success/error). */
  default void cacheOperation(String operation, String status) {}
}
