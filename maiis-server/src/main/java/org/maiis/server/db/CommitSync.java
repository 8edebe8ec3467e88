package org.maiis.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Group commit for the embedded database: a request whose transaction has committed waits here
 * until the database file is forced to disk, and one {@code CHECKPOINT SYNC} covers every commit
 * that arrived while the previous one ran. H2 (with {@code WRITE_DELAY=0}) hands each commit to the
 * operating system before it returns, which survives a killed process; this adds the fsync that
 * survives a power loss, at one fsync per batch instead of one per transaction.
 */
final class CommitSync implements AutoCloseable {
  /** Opens the syncer's own connection. */
  @FunctionalInterface
  interface Opener {
    /** A new connection to the database. */
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final Object lock = new Object();
  private Connection connection;
  private long requested;
  private long synced;
  private boolean syncing;
  private SQLException failure;
  private long failedTicket = -1;

  /** Forces the file through connections from {@code opener} (one, reopened after a failure). */
  CommitSync(Opener opener) {
    this.opener = opener;
  }

  /**
   * Returns once everything committed before this call is on disk.
   *
   * @throws SQLException when the file could not be forced (disk full, I/O error, closed)
   */
  void awaitDurable() throws SQLException {
    long target;
    synchronized (lock) {
      long ticket = ++requested;
      // The first waiter that finds no sync running runs one for everyone queued so far; the
      // others wait for it, or for the next one when they arrived after it started.
      while (true) {
        if (synced >= ticket) {
          return;
        }
        if (failedTicket >= ticket) {
          throw failure;
        }
        if (!syncing) {
          break;
        }
        waitQuietly();
      }
      syncing = true;
      target = requested;
    }
    SQLException error = null;
    try {
      force();
    } catch (SQLException e) {
      error = e;
    } catch (RuntimeException e) {
      // Whatever failed, the waiters must be released: a sync left "running" would hang every
      // later commit.
      error = new SQLException("cannot force the database to disk", "58030", e);
    }
    synchronized (lock) {
      syncing = false;
      if (error == null) {
        synced = Math.max(synced, target);
      } else {
        failure = error;
        failedTicket = target;
      }
      lock.notifyAll();
    }
    if (error != null) {
      throw error;
    }
  }

  private void waitQuietly() throws SQLException {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the commit to reach the disk", "57014");
    }
  }

  private void force() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = opener.open();
    }
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    } catch (SQLException e) {
      closeQuietly();
      throw e;
    }
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // the next sync opens a new one
    }
    connection = null;
  }

  @Override
  public void close() {
    synchronized (lock) {
      closeQuietly();
    }
  }
}
