package org.maiis.server.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Access tokens that passed the state checks (not revoked, current version, user present and
 * active) a moment ago, so a burst of requests with one token costs one round of database (or
 * Redis) reads instead of three per request. An entry lives {@code auth.recheck_after} at most.
 *
 * <p>A revocation on this instance ({@link #invalidate}: logout, password change) forgets every
 * entry at once, and no check that started before it can store its stale result afterwards: each
 * entry carries the generation it was read in, and only entries of the current generation count. A
 * change made elsewhere (a logout on another instance, a user deactivated in the database) is seen
 * here within {@code recheck_after}.
 */
final class CheckedTokens {
  // A bound on memory: past it the map starts over (cheaper than an LRU and still correct).
  private static final int MAX_ENTRIES = 50_000;

  private record Entry(String userId, Role role, long generation, long validUntilNanos) {}

  private final ConcurrentHashMap<String, Entry> byTokenId = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  /** Entries valid for {@code ttl}; zero turns the cache off (every request checks). */
  CheckedTokens(Duration ttl, LongSupplier nanoTime) {
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The generation to pass to {@link #put}; read it before the checks start. */
  long generation() {
    return generation.get();
  }

  /** The role the checks found for {@code tokenId} of {@code userId}, while still fresh. */
  Optional<Role> get(String tokenId, String userId) {
    if (ttlNanos <= 0) {
      return Optional.empty();
    }
    Entry e = byTokenId.get(tokenId);
    if (e == null
        || e.generation != generation.get()
        || !e.userId.equals(userId)
        || nanoTime.getAsLong() - e.validUntilNanos >= 0) {
      return Optional.empty();
    }
    return Optional.of(e.role);
  }

  /** Records that {@code tokenId} passed checks that began in {@code generationAtStart}. */
  void put(String tokenId, String userId, Role role, long generationAtStart) {
    if (ttlNanos <= 0 || generationAtStart != generation.get()) {
      return;
    }
    if (byTokenId.size() >= MAX_ENTRIES) {
      byTokenId.clear();
    }
    byTokenId.put(
        tokenId, new Entry(userId, role, generationAtStart, nanoTime.getAsLong() + ttlNanos));
  }

  /**
   * Forgets every entry: call after a revocation is written, so the next request of any token
   * checks the state again.
   */
  void invalidate() {
    generation.incrementAndGet();
    byTokenId.clear();
  }
}
