package org.maiis.server.storage;

import java.time.Duration;
import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/**
 * What object storage records. The methods do nothing by default, so {@link #NONE} records nothing.
 */
public interface StorageMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  StorageMetrics NONE = new StorageMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static StorageMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<StorageMetrics>map(
            m ->
                new StorageMetrics() {
                  @Override
                  public void storageOperation(
                      String operation,
                      String provider,
                      boolean succeeded,
                      Duration took,
                      long bytes) {
                    m.storageOperation(operation, provider, succeeded, took, bytes);
                  }

                  @Override
                  public void storageError(String provider, String errorType) {
                    m.storageError(provider, errorType);
                  }
                })
        .orElse(NONE);
  }

  /** A storage operation (upload/download/delete) on {@code provider}. */
  default void storageOperation(
      String operation, String provider, boolean succeeded, Duration took, long bytes) {}

  /** A storage error. */
  default void storageError(String provider, String errorType) {}
}
