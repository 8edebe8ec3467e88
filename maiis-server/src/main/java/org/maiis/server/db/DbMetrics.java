package org.maiis.server.db;

import java.time.Duration;
import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/**
 * What the database records. The methods do nothing by default, so {@link #NONE} records nothing.
 */
public interface DbMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  DbMetrics NONE = new DbMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static DbMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<DbMetrics>map(
            m ->
                new DbMetrics() {
                  @Override
                  public void dbQuery(String operation, String table, Duration took) {
                    m.dbQuery(operation, table, took);
                  }

                  @Override
                  public void dbConnections(int active, int idle) {
                    m.dbConnections(active, idle);
                  }
                })
        .orElse(NONE);
  }

  /** A unit of database work: operation (select, insert, update, transaction), main table. */
  default void dbQuery(String operation, String table, Duration took) {}

  /** The pool's current state. */
  default void dbConnections(int active, int idle) {}
}
