package org.maiis.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.maiis.server.failure.Failure;

/**
 * The statements repositories run, in one line each: parameters are bound in order with {@link
 * PreparedStatement#setObject}, which H2 and PostgreSQL map from the Java type (String, Long,
 * BigDecimal, OffsetDateTime, ...), and every statement and result set is closed.
 */
public final class Sql {
  private Sql() {}

  /** Reads one row of a result set. */
  @FunctionalInterface
  public interface Row<T> {
    /** The value of the current row. */
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs an INSERT, UPDATE or DELETE; the number of rows it changed. */
  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  /**
   * Runs an INSERT into a table with a unique key; a duplicate throws {@code duplicate}'s failure
   * (the caller's 409 and code) instead of the SQL error.
   */
  public static int insertUnique(
      Connection c, Supplier<Failure> duplicate, String sql, Object... params) throws SQLException {
    try {
      return update(c, sql, params);
    } catch (SQLException e) {
      if (Transactions.isUniqueViolation(e)) {
        throw duplicate.get();
      }
      throw e;
    }
  }

  /** Every row of a query, in the order the database returns them. */
  public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    }
  }

  /** The first row of a query, if there is one (and its value is not null). */
  public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
      }
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }
}
