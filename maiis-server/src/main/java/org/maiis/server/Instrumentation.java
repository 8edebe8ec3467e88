package org.maiis.server;

import java.time.Duration;
import org.maiis.metrics.MaiisMetrics;

/**
 * What the server's components record. {@link #NONE} when {@code server.metrics.enabled} is false,
 * so the overhead of instrumentation can be measured by switching it off.
 */
public interface Instrumentation {
  /** A unit of database work: operation (select, insert, update, transaction), main table. */
  void dbQuery(String operation, String table, Duration took);

  /** The pool's current state. */
  void dbConnections(int active, int idle);

  /** An authentication attempt by method (password, refresh_token, access_token). */
  void authAttempt(boolean succeeded, String method);

  /** A failed authentication by reason (catalog values). */
  void authFailure(String reason);

  /** A cache operation (get/set/delete) and its outcome (hit/miss/success/error). */
  void cacheOperation(String operation, String status);

  /** A storage operation (upload/download/delete) on {@code provider}. */
  void storageOperation(String operation, String provider, boolean ok, Duration took, long bytes);

  /** A storage error. */
  void storageError(String provider, String errorType);

  /** Records nothing. */
  Instrumentation NONE =
      new Instrumentation() {
        @Override
        public void dbQuery(String operation, String table, Duration took) {}

        @Override
        public void dbConnections(int active, int idle) {}

        @Override
        public void authAttempt(boolean succeeded, String method) {}

        @Override
        public void authFailure(String reason) {}

        @Override
        public void cacheOperation(String operation, String status) {}

        @Override
        public void storageOperation(
            String operation, String provider, boolean ok, Duration took, long bytes) {}

        @Override
        public void storageError(String provider, String errorType) {}
      };

  /** Records into the catalog's metrics. */
  static Instrumentation of(MaiisMetrics m) {
    return new Instrumentation() {
      @Override
      public void dbQuery(String operation, String table, Duration took) {
        m.dbQuery(operation, table, took);
      }

      @Override
      public void dbConnections(int active, int idle) {
        m.dbConnections(active, idle);
      }

      @Override
      public void authAttempt(boolean succeeded, String method) {
        m.authAttempt(succeeded, method);
      }

      @Override
      public void authFailure(String reason) {
        m.authFailure(reason);
      }

      @Override
      public void cacheOperation(String operation, String status) {
        m.cacheOperation(operation, status);
      }

      @Override
      public void storageOperation(
          String operation, String provider, boolean ok, Duration took, long bytes) {
        m.storageOperation(operation, provider, ok, took, bytes);
      }

      @Override
      public void storageError(String provider, String errorType) {
        m.storageError(provider, errorType);
      }
    };
  }
}
