package org.maiis.server.storage;

import java.io.IOException;
import java.time.Duration;

/**
 * Records every {@link ObjectStorage} operation with its outcome, latency and size.
 *
 * @param inner the storage it wraps
 * @param metrics where it records
 */
public record MeteredStorage(ObjectStorage inner, StorageMetrics metrics) implements ObjectStorage {
  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T op(String operation, long bytes, Call<T> call) throws IOException {
    long start = System.nanoTime();
    try {
      T v = call.run();
      metrics.storageOperation(
          operation, inner.kind(), true, Duration.ofNanos(System.nanoTime() - start), bytes);
      return v;
    } catch (IOException | RuntimeException e) {
      metrics.storageOperation(
          operation, inner.kind(), false, Duration.ofNanos(System.nanoTime() - start), bytes);
      metrics.storageError(inner.kind(), e.getClass().getSimpleName());
      throw e;
    }
  }

  @Override
  public String put(byte[] bytes) throws IOException {
    return op("upload", bytes.length, () -> inner.put(bytes));
  }

  @Override
  public byte[] get(String name) throws IOException {
    return op("download", 0, () -> inner.get(name));
  }

  @Override
  public void delete(String name) throws IOException {
    op(
        "delete",
        0,
        () -> {
          inner.delete(name);
          return null;
        });
  }

  @Override
  public String kind() {
    return inner.kind();
  }

  @Override
  public void close() {
    inner.close();
  }
}
