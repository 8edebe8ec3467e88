package org.maiis.server.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Counts every {@link SharedState} operation by kind and outcome.
 *
 * @param inner the state it wraps
 * @param metrics where it counts
 */
public record MeteredState(SharedState inner, CacheMetrics metrics) implements SharedState {
  private <T> T op(
      String operation, Supplier<T> call, java.util.function.Function<T, String> status) {
    try {
      T v = call.get();
      metrics.cacheOperation(operation, status.apply(v));
      return v;
    } catch (RuntimeException e) {
      metrics.cacheOperation(operation, "error");
      throw e;
    }
  }

  private void run(String operation, Runnable call) {
    op(
        operation,
        () -> {
          call.run();
          return Boolean.TRUE;
        },
        v -> "success");
  }

  @Override
  public Optional<String> get(String key) {
    return op("get", () -> inner.get(key), v -> v.isPresent() ? "hit" : "miss");
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    run("set", () -> inner.put(key, value, ttl));
  }

  @Override
  public boolean putIfAbsent(String key, String value, Duration ttl) {
    return op("set", () -> inner.putIfAbsent(key, value, ttl), v -> "success");
  }

  @Override
  public void delete(String key) {
    run("delete", () -> inner.delete(key));
  }

  @Override
  public long add(String key, long delta, Duration window) {
    return op("set", () -> inner.add(key, delta, window), v -> "success");
  }

  @Override
  public void decrement(String key) {
    run("set", () -> inner.decrement(key));
  }

  @Override
  public Optional<Duration> timeToLive(String key) {
    return op("get", () -> inner.timeToLive(key), v -> v.isPresent() ? "hit" : "miss");
  }

  @Override
  public void addToSet(String key, String member, Duration ttl) {
    run("set", () -> inner.addToSet(key, member, ttl));
  }

  @Override
  public Set<String> members(String key) {
    return op("get", () -> inner.members(key), v -> v.isEmpty() ? "miss" : "hit");
  }

  @Override
  public void ping() {
    inner.ping();
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
