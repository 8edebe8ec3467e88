package org.maiis.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.maiis.server.failure.Failure;

/**
 * Runs units of work on pooled connections. Transactions that lose a lock race (deadlock,
 * serialization failure, lock timeout) are retried a bounded number of times; the work must
 * therefore be safe to re-run, which a rolled-back transaction is.
 */
public final class Transactions {
  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs on {@code c}. */
    T run(Connection c) throws SQLException;
  }

  // 40001 serialization failure / H2 deadlock, 40P01 PostgreSQL deadlock, HYT00 H2 lock timeout,
  // 90131 H2 concurrent update, 55P03 PostgreSQL lock not available.
  private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "HYT00", "90131", "55P03");
  private static final int ATTEMPTS = 8;

  private final Database db;
  private final DbMetrics metrics;

  /** Work on {@code db}'s pool, recorded in {@code metrics}. */
  public Transactions(Database db, DbMetrics metrics) {
    this.db = db;
    this.metrics = metrics;
  }

  /**
   * Runs {@code work} in one transaction, retrying transient lock failures.
   *
   * @param table the main table, for the db metrics
   */
  public <T> T inTransaction(String table, Work<T> work) {
    long start = System.nanoTime();
    try {
      return transaction(work);
    } finally {
      observe("transaction", table, start);
    }
  }

  private <T> T transaction(Work<T> work) {
    T result = committed(work);
    awaitDurable();
    return result;
  }

  private <T> T committed(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = db.connection()) {
        poolState();
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c, e);
          throw e;
        } finally {
          resetQuietly(c);
        }
      } catch (SQLException e) {
        if (isTransient(e) && attempt < ATTEMPTS) {
          backOff(attempt);
          continue;
        }
        throw translate(e);
      }
    }
  }

  // A connection that broke (disk full, database closed) cannot roll back; the first error is the
  // one that says why.
  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void resetQuietly(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      // The pool discards a broken connection.
    }
  }

  /**
   * Returns once every write committed before this call survives a power loss. Called after the
   * connection is back in the pool: waiting for the disk must not hold it. A failure is a 503 and
   * never a retry of the work, which has committed.
   *
   * @throws Failure 503 when the database cannot write
   */
  public void awaitDurable() {
    try {
      db.awaitDurable();
    } catch (SQLException e) {
      throw Failure.unavailable(
          "database_unavailable", "the database cannot write right now; retry later");
    }
  }

  /**
   * Runs {@code work} with autocommit (single statements, reads).
   *
   * @param operation select, insert, update or delete, for the db metrics
   * @param table the main table, for the db metrics
   */
  public <T> T run(String operation, String table, Work<T> work) {
    long start = System.nanoTime();
    try {
      T result = onConnection(work);
      if (!"select".equals(operation)) {
        awaitDurable();
      }
      return result;
    } finally {
      observe(operation, table, start);
    }
  }

  /**
   * Runs {@code work} with autocommit like {@link #run}, but returns before the write is forced to
   * disk: for work on a bounded pool that must go on to its next job instead of waiting for the
   * disk. The caller must call {@link #awaitDurable()} before it acknowledges the write.
   */
  public <T> T runBeforeDurable(String operation, String table, Work<T> work) {
    long start = System.nanoTime();
    try {
      return onConnection(work);
    } finally {
      observe(operation, table, start);
    }
  }

  private <T> T onConnection(Work<T> work) {
    try (Connection c = db.connection()) {
      poolState();
      return work.run(c);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private void observe(String operation, String table, long startNanos) {
    metrics.dbQuery(operation, table, Duration.ofNanos(System.nanoTime() - startNanos));
    poolState();
  }

  // Sampled when a connection is borrowed (busy) and after it is returned, so the gauges follow
  // load and settle at the idle state.
  private void poolState() {
    metrics.dbConnections(db.activeConnections(), db.idleConnections());
  }

  /** Whether {@code e} is a unique-constraint violation. */
  public static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  // Connection lost (08xxx), disk full or I/O error (PostgreSQL 53xxx/58xxx), an H2 file that
  // cannot be written or a database that closed itself after such an error.
  private static boolean isUnavailable(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return state.startsWith("08")
        || state.startsWith("53")
        || state.startsWith("58")
        || Set.of(90098, 90028, 90121, 90030).contains(e.getErrorCode())
        || causedByIo(e);
  }

  // An I/O error below the driver; H2 reports a failed file write as a general error (50000)
  // naming its storage engine, sometimes without the IOException in the chain (batches).
  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException
          || String.valueOf(t.getMessage()).contains("MVStoreException")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransient(SQLException e) {
    return e.getSQLState() != null && TRANSIENT.contains(e.getSQLState());
  }

  private static RuntimeException translate(SQLException e) {
    if (isTransient(e)) {
      return Failure.unavailable("busy", "the database is busy; retry the request");
    }
    if (e instanceof SQLTransientConnectionException) {
      // No pooled connection within server.database.pool_timeout.
      return Failure.unavailable("busy", "the server is busy; retry the request");
    }
    if (isUnavailable(e)) {
      return Failure.unavailable(
          "database_unavailable", "the database cannot write right now; retry later");
    }
    return new IllegalStateException("database error (SQLState " + e.getSQLState() + ")", e);
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failure.unavailable("busy", "interrupted");
    }
  }
}
