package org.maiis.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.maiis.config.ServerConfig;

/**
 * The connection pool and schema: H2 (PostgreSQL mode) under the data directory by default,
 * PostgreSQL by URL; both migrated by the same Flyway scripts.
 *
 * <p>A commit is durable before it is acknowledged. PostgreSQL does that itself ({@code
 * synchronous_commit=on}, its default). With {@code database.fsync} on (the default), the embedded
 * H2 is made durable by {@link #awaitDurable()}: before the caller answers, one {@code CHECKPOINT
 * SYNC} writes every commit made so far to the file and forces it to disk, for a whole group of
 * callers at once; H2 writes the rest on its own schedule. With fsync off, H2 writes each commit to
 * the file as it happens ({@code WRITE_DELAY=0}: H2's default of 500 ms lost the last half-second
 * of commits when the process was killed). Writing each commit as well when the group sync writes
 * them anyway made every commit wait for H2's store lock (24 ms on average under the mixed load).
 */
public final class Database implements AutoCloseable {
  // H2 errors after which a pooled connection is useless: database closed (after a disk-full
  // panic), file I/O errors, and the engine's general error. The pool drops such connections, and
  // the next ones reopen the file, so the server recovers when the cause is gone.
  private static final Set<Integer> H2_DEAD = Set.of(90098, 90028, 90030, 90121, 50000);

  private final HikariDataSource pool;
  private final boolean embedded;
  private final Optional<CommitSync> commitSync;

  private Database(HikariDataSource pool, boolean embedded, Optional<CommitSync> commitSync) {
    this.pool = pool;
    this.embedded = embedded;
    this.commitSync = commitSync;
  }

  /**
   * Opens the pool and migrates the schema.
   *
   * @param env resolves the password secret
   * @throws DatabaseUnavailableException when the database is locked by another process, damaged,
   *     or cannot be reached, with a message that says what to do
   */
  public static Database open(
      ServerConfig.Database config, Path dataDir, Function<String, String> env) {
    HikariConfig hc = new HikariConfig();
    Optional<String> url = config.url();
    boolean embedded = url.isEmpty();
    Path dir = dataDir.toAbsolutePath().resolve("db");
    String jdbcUrl;
    if (embedded) {
      // PostgreSQL mode so one migration serves both; a lock timeout long enough for queued
      // SELECT ... FOR UPDATE under contention; without the group sync, every commit written to
      // the file at once.
      jdbcUrl =
          "jdbc:h2:file:"
              + dir.resolve("maiis")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
              + ";LOCK_TIMEOUT=10000"
              + (config.fsync() ? "" : ";WRITE_DELAY=0");
      hc.setJdbcUrl(jdbcUrl);
      hc.setUsername("maiis");
      hc.setPassword("");
      hc.setExceptionOverrideClassName(EvictDeadH2.class.getName());
    } else {
      jdbcUrl = url.get();
      hc.setJdbcUrl(jdbcUrl);
      config.user().ifPresent(hc::setUsername);
      config.password().ifPresent(p -> hc.setPassword(p.resolve(env)));
    }
    hc.setMaximumPoolSize(config.poolSize());
    // A request that cannot get a connection in time answers 503 (retry) rather than hanging.
    hc.setConnectionTimeout(Math.max(250, config.poolTimeout().toMillis()));
    hc.setPoolName("maiis");
    hc.setAutoCommit(true);
    hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (HikariPool.PoolInitializationException e) {
      throw DatabaseUnavailableException.explain(e, embedded ? dir : null);
    }
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw DatabaseUnavailableException.explain(e, embedded ? dir : null);
    }
    // The group-commit syncer keeps a connection of its own: it must never wait for the pool it
    // serves.
    Optional<CommitSync> sync =
        embedded && config.fsync()
            ? Optional.of(new CommitSync(() -> DriverManager.getConnection(jdbcUrl, "maiis", "")))
            : Optional.empty();
    return new Database(pool, embedded, sync);
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return pool;
  }

  /** Whether this is the embedded H2 database. */
  public boolean embedded() {
    return embedded;
  }

  /** Connections in use right now. */
  public int activeConnections() {
    return pool.getHikariPoolMXBean() == null
        ? 0
        : pool.getHikariPoolMXBean().getActiveConnections();
  }

  /** Idle connections in the pool right now. */
  public int idleConnections() {
    return pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getIdleConnections();
  }

  /** Borrows a connection (autocommit on). */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * Returns once every transaction committed before this call survives a power loss; at once when
   * the database does that itself (PostgreSQL) or fsync is off.
   */
  public void awaitDurable() throws SQLException {
    if (commitSync.isPresent()) {
      commitSync.get().awaitDurable();
    }
  }

  @Override
  public void close() {
    commitSync.ifPresent(CommitSync::close);
    pool.close();
  }

  /** Tells the pool to drop connections of an H2 database that closed itself. */
  public static final class EvictDeadH2 implements SQLExceptionOverride {
    /** Hikari creates it by name. */
    public EvictDeadH2() {}

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
      return H2_DEAD.contains(e.getErrorCode())
          ? SQLExceptionOverride.Override.MUST_EVICT
          : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
  }
}
