package org.maiis.server.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.maiis.server.db.Sql;
import org.maiis.server.db.Transactions;

/**
 * {@link SharedState} in the database: the default when no Redis is configured. Revocations, token
 * versions and throttle counters are then committed like money is, so they survive a restart and
 * every instance on the same database sees them. Each operation is one transaction, and a counter
 * is read and incremented under the row's lock, so concurrent requests never both pass a limit.
 */
public final class DatabaseState implements SharedState {
  private static final String TABLE = "shared_state";
  private static final String SETS = "shared_set_members";
  private static final int SWEEP_EVERY = 4096;

  private final Transactions tx;
  private final Clock clock;
  private final AtomicLong writes = new AtomicLong();

  /** State in {@code tx}'s database; expiry follows {@code clock}. */
  public DatabaseState(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  private long now() {
    return clock.millis();
  }

  private long until(Duration ttl) {
    return now() + Math.max(1, ttl.toMillis());
  }

  @Override
  public Optional<String> get(String key) {
    return live(key).map(Live::value);
  }

  private record Live(String value, long expiresAt) {}

  private Optional<Live> live(String key) {
    long now = now();
    return tx.run(
        "select",
        TABLE,
        c ->
            Sql.first(
                c,
                "SELECT state_value, expires_at FROM shared_state"
                    + " WHERE state_key = ? AND expires_at > ?",
                rs -> new Live(rs.getString(1), rs.getLong(2)),
                key,
                now));
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    long expires = until(ttl);
    tx.inTransaction(
        TABLE,
        c -> {
          if (insert(c, key, value, expires) == 0) {
            Sql.update(
                c,
                "UPDATE shared_state SET state_value = ?, expires_at = ? WHERE state_key = ?",
                value,
                expires,
                key);
          }
          return null;
        });
    wrote();
  }

  @Override
  public boolean putIfAbsent(String key, String value, Duration ttl) {
    long expires = until(ttl);
    boolean set =
        tx.inTransaction(
            TABLE,
            c -> {
              deleteExpired(c, key);
              return insert(c, key, value, expires) == 1;
            });
    wrote();
    return set;
  }

  @Override
  public void delete(String key) {
    tx.inTransaction(
        TABLE, c -> Sql.update(c, "DELETE FROM shared_state WHERE state_key = ?", key));
  }

  @Override
  public long add(String key, long delta, Duration window) {
    long now = now();
    long expires = until(window);
    long count =
        tx.inTransaction(
            TABLE,
            c -> {
              insert(c, key, "0", expires);
              // The UPDATE takes the row lock: concurrent increments queue here, and each reads
              // its own result below. An expired window starts again from delta.
              Sql.update(
                  c,
                  "UPDATE shared_state SET"
                      + " state_value = CASE WHEN expires_at > ?"
                      + " THEN CAST(CAST(state_value AS BIGINT) + ? AS VARCHAR(20))"
                      + " ELSE CAST(? AS VARCHAR(20)) END,"
                      + " expires_at = CASE WHEN expires_at > ? THEN expires_at ELSE ? END"
                      + " WHERE state_key = ?",
                  now,
                  delta,
                  delta,
                  now,
                  expires,
                  key);
              return counter(c, key);
            });
    wrote();
    return count;
  }

  @Override
  public void decrement(String key) {
    tx.inTransaction(
        TABLE,
        c ->
            Sql.update(
                c,
                "UPDATE shared_state"
                    + " SET state_value = CAST(CAST(state_value AS BIGINT) - 1 AS VARCHAR(20))"
                    + " WHERE state_key = ? AND expires_at > ? AND CAST(state_value AS BIGINT) > 0",
                key,
                now()));
  }

  @Override
  public Optional<Duration> timeToLive(String key) {
    return live(key).map(l -> Duration.ofMillis(Math.max(0, l.expiresAt() - now())));
  }

  @Override
  public void addToSet(String key, String member, Duration ttl) {
    long expires = until(ttl);
    tx.inTransaction(
        SETS,
        c -> {
          Sql.update(
              c,
              "INSERT INTO shared_set_members (state_key, member, expires_at) VALUES (?,?,?)"
                  + " ON CONFLICT DO NOTHING",
              key,
              member,
              expires);
          // The set lives at least ttl from now, as a whole (as Redis keeps it).
          return Sql.update(
              c,
              "UPDATE shared_set_members SET expires_at = ? WHERE state_key = ? AND expires_at < ?",
              expires,
              key,
              expires);
        });
    wrote();
  }

  @Override
  public Set<String> members(String key) {
    return tx.run(
        "select",
        SETS,
        c ->
            new LinkedHashSet<>(
                Sql.list(
                    c,
                    "SELECT member FROM shared_set_members"
                        + " WHERE state_key = ? AND expires_at > ? ORDER BY member",
                    rs -> rs.getString(1),
                    key,
                    now())));
  }

  @Override
  public void ping() {
    tx.run("select", TABLE, c -> Sql.first(c, "SELECT 1", rs -> rs.getInt(1)));
  }

  @Override
  public String kind() {
    return "database";
  }

  @Override
  public void close() {
    // The database belongs to the server.
  }

  private static int insert(Connection c, String key, String value, long expires)
      throws SQLException {
    return Sql.update(
        c,
        "INSERT INTO shared_state (state_key, state_value, expires_at) VALUES (?,?,?)"
            + " ON CONFLICT DO NOTHING",
        key,
        value,
        expires);
  }

  private void deleteExpired(Connection c, String key) throws SQLException {
    Sql.update(c, "DELETE FROM shared_state WHERE state_key = ? AND expires_at <= ?", key, now());
  }

  private static long counter(Connection c, String key) throws SQLException {
    return Sql.first(
            c,
            "SELECT state_value FROM shared_state WHERE state_key = ?",
            rs -> Long.parseLong(rs.getString(1)),
            key)
        .orElse(0L);
  }

  // Expired rows are invisible to reads; sweeping them now and then keeps the tables small.
  private void wrote() {
    if (writes.incrementAndGet() % SWEEP_EVERY != 0) {
      return;
    }
    long now = now();
    tx.inTransaction(
        TABLE,
        c -> {
          return Sql.update(c, "DELETE FROM " + TABLE + " WHERE expires_at <= ?", now)
              + Sql.update(c, "DELETE FROM " + SETS + " WHERE expires_at <= ?", now);
        });
  }
}
