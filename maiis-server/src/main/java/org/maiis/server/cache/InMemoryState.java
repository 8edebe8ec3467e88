package org.maiis.server.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link SharedState} in this process: the default for a single instance. */
public final class InMemoryState implements SharedState {
  private record Entry(Object value, Instant expires) {}

  private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>();
  private final Clock clock;
  private final AtomicLong writes = new AtomicLong();

  /** State whose expiry follows {@code clock}. */
  public InMemoryState(Clock clock) {
    this.clock = clock;
  }

  private Entry live(String key) {
    Entry e = map.get(key);
    if (e != null && !e.expires().isAfter(clock.instant())) {
      map.remove(key, e);
      return null;
    }
    return e;
  }

  private void wrote() {
    // Sweep expired entries now and then so abandoned keys do not accumulate.
    if (writes.incrementAndGet() % 4096 == 0) {
      Instant now = clock.instant();
      map.entrySet().removeIf(en -> !en.getValue().expires().isAfter(now));
    }
  }

  @Override
  public Optional<String> get(String key) {
    Entry e = live(key);
    return e == null ? Optional.empty() : Optional.of(String.valueOf(e.value()));
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    map.put(key, new Entry(value, clock.instant().plus(ttl)));
    wrote();
  }

  @Override
  public boolean putIfAbsent(String key, String value, Duration ttl) {
    Entry fresh = new Entry(value, clock.instant().plus(ttl));
    boolean[] set = {false};
    map.compute(
        key,
        (k, old) -> {
          if (old == null || !old.expires().isAfter(clock.instant())) {
            set[0] = true;
            return fresh;
          }
          return old;
        });
    wrote();
    return set[0];
  }

  @Override
  public void delete(String key) {
    map.remove(key);
  }

  @Override
  public long increment(String key, Duration window) {
    Entry e =
        map.compute(
            key,
            (k, old) -> {
              if (old == null || !old.expires().isAfter(clock.instant())) {
                return new Entry(1L, clock.instant().plus(window));
              }
              return new Entry((Long) old.value() + 1, old.expires());
            });
    wrote();
    return (Long) e.value();
  }

  @Override
  public Optional<Duration> timeToLive(String key) {
    Entry e = live(key);
    return e == null
        ? Optional.empty()
        : Optional.of(Duration.between(clock.instant(), e.expires()));
  }

  @Override
  public void addToSet(String key, String member, Duration ttl) {
    map.compute(
        key,
        (k, old) -> {
          Instant until = clock.instant().plus(ttl);
          @SuppressWarnings("unchecked")
          Set<String> set =
              old == null || !old.expires().isAfter(clock.instant())
                  ? ConcurrentHashMap.newKeySet()
                  : (Set<String>) old.value();
          set.add(member);
          return new Entry(
              set, old != null && old.expires().isAfter(until) ? old.expires() : until);
        });
    wrote();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Set<String> members(String key) {
    Entry e = live(key);
    return e == null ? Set.of() : Set.copyOf((Set<String>) e.value());
  }

  @Override
  public void ping() {}

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public void close() {
    map.clear();
  }
}
