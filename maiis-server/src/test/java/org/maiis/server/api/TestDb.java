package org.maiis.server.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Direct SQL on a test server's database, for set-up the API does not offer (admin roles). */
final class TestDb {
  private TestDb() {}

  /** A connection to {@code h}'s database on {@code backend}. */
  static Connection connect(Harness h, Backend backend) throws SQLException {
    if (backend.name().equals("h2")) {
      // The same URL as the server: H2 shares the open database within the JVM.
      return DriverManager.getConnection(
          "jdbc:h2:file:"
              + h.dataDir.toAbsolutePath().resolve("db").resolve("maiis")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
              + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0",
          "maiis",
          "");
    }
    return DriverManager.getConnection(
        System.getenv("MAIIS_TEST_PG_URL"),
        System.getenv().getOrDefault("MAIIS_TEST_PG_USER", "maiis"),
        System.getenv("MAIIS_TEST_PG_PASSWORD"));
  }

  /** Makes {@code userId} an admin and logs in again (the role is in the access token). */
  static Api.Session admin(Harness h, Backend backend, Api.Session user) throws SQLException {
    update(h, backend, "UPDATE users SET role = 'admin' WHERE id = ?", user.userId());
    return h.api.login(user.email(), Api.PASSWORD);
  }

  /**
   * Runs the update {@code sql} with its one parameter {@code arg} on {@code h}'s database, as an
   * operator's SQL would, and returns how many rows it changed.
   */
  static int update(Harness h, Backend backend, String sql, String arg) throws SQLException {
    try (Connection c = connect(h, backend);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      return ps.executeUpdate();
    }
  }
}
