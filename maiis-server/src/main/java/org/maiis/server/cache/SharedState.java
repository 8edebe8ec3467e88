package org.maiis.server.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Small key-value state that every server instance must agree on: refresh tokens, revocations and
 * rate-limit counters. In-process by default; Redis when several instances share it.
 */
public interface SharedState extends AutoCloseable {

  /** The value of {@code key}, if present and not expired. */
  Optional<String> get(String key);

  /** Sets {@code key} to {@code value} for {@code ttl}. */
  void put(String key, String value, Duration ttl);

  /** Sets {@code key} only if absent; true when this call set it (atomic across instances). */
  boolean putIfAbsent(String key, String value, Duration ttl);

  /** Deletes {@code key}. */
  void delete(String key);

  /**
   * Increments the counter at {@code key}; the first increment starts a window of {@code window}
   * after which the counter disappears. Returns the count after this increment.
   */
  default long increment(String key, Duration window) {
    return add(key, 1, window);
  }

  /**
   * Adds {@code delta} to the counter at {@code key} in one atomic step, starting a window of
   * {@code window} when the counter is absent or expired. Returns the value after this addition.
   */
  long add(String key, long delta, Duration window);

  /**
   * Takes one back from the counter at {@code key} (never below zero, window unchanged): a
   * reservation made by {@link #increment} that turned out not to count.
   */
  void decrement(String key);

  /** The time left before {@code key} expires; empty when absent. */
  Optional<Duration> timeToLive(String key);

  /** Adds {@code member} to the set at {@code key}, keeping the set for at least {@code ttl}. */
  void addToSet(String key, String member, Duration ttl);

  /** The members of the set at {@code key}. */
  Set<String> members(String key);

  /** Whether the store answers; throws when it does not. */
  void ping();

  /** "memory" or "redis", for health output. */
  String kind();

  @Override
  void close();
}
