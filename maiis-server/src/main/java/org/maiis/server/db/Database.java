package org.maiis.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.maiis.config.ServerConfig;

/**
 * The connection pool and schema: H2 (PostgreSQL mode) under the data directory by default,
 * PostgreSQL by URL; both migrated by the same Flyway scripts.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final boolean embedded;

  private Database(HikariDataSource pool, boolean embedded) {
    this.pool = pool;
    this.embedded = embedded;
  }

  /**
   * Opens the pool and migrates the schema.
   *
   * @param env resolves the password secret
   */
  public static Database open(
      ServerConfig.Database config, Path dataDir, Function<String, String> env) {
    HikariConfig hc = new HikariConfig();
    Optional<String> url = config.url();
    boolean embedded = url.isEmpty();
    if (embedded) {
      Path file = dataDir.toAbsolutePath().resolve("db").resolve("maiis");
      // PostgreSQL mode so one migration serves both; a lock timeout long enough for queued
      // SELECT ... FOR UPDATE under contention.
      hc.setJdbcUrl(
          "jdbc:h2:file:"
              + file
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
              + ";LOCK_TIMEOUT=10000");
      hc.setUsername("maiis");
      hc.setPassword("");
    } else {
      hc.setJdbcUrl(url.get());
      config.user().ifPresent(hc::setUsername);
      config.password().ifPresent(p -> hc.setPassword(p.resolve(env)));
    }
    hc.setMaximumPoolSize(config.poolSize());
    hc.setPoolName("maiis");
    hc.setAutoCommit(true);
    hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    HikariDataSource pool = new HikariDataSource(hc);
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool, embedded);
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

  @Override
  public void close() {
    pool.close();
  }
}
