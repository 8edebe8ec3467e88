package org.maiis.server.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT state_value, expires_at FROM shared_state"
                      + " WHERE state_key = ? AND expires_at > ?")) {
            ps.setString(1, key);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Live(rs.getString(1), rs.getLong(2)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    long expires = until(ttl);
    tx.inTransaction(
        TABLE,
        c -> {
          if (insert(c, key, value, expires) == 0) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE shared_state SET state_value = ?, expires_at = ? WHERE state_key = ?")) {
              ps.setString(1, value);
              ps.setLong(2, expires);
              ps.setString(3, key);
              ps.executeUpdate();
            }
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
        TABLE,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM shared_state WHERE state_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
          }
          return null;
        });
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
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE shared_state SET"
                          + " state_value = CASE WHEN expires_at > ?"
                          + " THEN CAST(CAST(state_value AS BIGINT) + ? AS VARCHAR(20))"
                          + " ELSE CAST(? AS VARCHAR(20)) END,"
                          + " expires_at = CASE WHEN expires_at > ? THEN expires_at ELSE ? END"
                          + " WHERE state_key = ?")) {
                ps.setLong(1, now);
                ps.setLong(2, delta);
                ps.setLong(3, delta);
                ps.setLong(4, now);
                ps.setLong(5, expires);
                ps.setString(6, key);
                ps.executeUpdate();
              }
              return counter(c, key);
            });
    wrote();
    return count;
  }

  @Override
  public void decrement(String key) {
    tx.inTransaction(
        TABLE,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE shared_state"
                      + " SET state_value = CAST(CAST(state_value AS BIGINT) - 1 AS VARCHAR(20))"
                      + " WHERE state_key = ? AND expires_at > ? AND CAST(state_value AS BIGINT) > 0")) {
            ps.setString(1, key);
            ps.setLong(2, now());
            ps.executeUpdate();
          }
          return null;
        });
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
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO shared_set_members (state_key, member, expires_at) VALUES (?,?,?)"
                      + " ON CONFLICT DO NOTHING")) {
            ps.setString(1, key);
            ps.setString(2, member);
            ps.setLong(3, expires);
            ps.executeUpdate();
          }
          // The set lives at least ttl from now, as a whole (as Redis keeps it).
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE shared_set_members SET expires_at = ?"
                      + " WHERE state_key = ? AND expires_at < ?")) {
            ps.setLong(1, expires);
            ps.setString(2, key);
            ps.setLong(3, expires);
            ps.executeUpdate();
          }
          return null;
        });
    wrote();
  }

  @Override
  public Set<String> members(String key) {
    return tx.run(
        "select",
        SETS,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT member FROM shared_set_members"
                      + " WHERE state_key = ? AND expires_at > ? ORDER BY member")) {
            ps.setString(1, key);
            ps.setLong(2, now());
            Set<String> out = new LinkedHashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }

  @Override
  public void ping() {
    tx.run(
        "select",
        TABLE,
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            ps.executeQuery().close();
          }
          return null;
        });
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
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO shared_state (state_key, state_value, expires_at) VALUES (?,?,?)"
                + " ON CONFLICT DO NOTHING")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.setLong(3, expires);
      return ps.executeUpdate();
    }
  }

  private void deleteExpired(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM shared_state WHERE state_key = ? AND expires_at <= ?")) {
      ps.setString(1, key);
      ps.setLong(2, now());
      ps.executeUpdate();
    }
  }

  private static long counter(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT state_value FROM shared_state WHERE state_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
      }
    }
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
          for (String table : new String[] {TABLE, SETS}) {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
              ps.setLong(1, now);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }
}
