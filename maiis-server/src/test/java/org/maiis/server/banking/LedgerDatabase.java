package org.maiis.server.banking;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * An in-memory H2 database in the server's mode, migrated by the real scripts, for ledger tests.
 */
final class LedgerDatabase {
  static final String NOW = "TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00'";

  private LedgerDatabase() {}

  /**
   * A new database migrated up to {@code version}, open, with user {@code u1} and a checking
   * account of 0 for each of {@code accounts}: the state a migration after it starts from.
   */
  static Opened before(String version, String... accounts) throws SQLException {
    String url = url();
    migrate(url, version);
    Connection c = DriverManager.getConnection(url, "sa", "");
    Statement s = c.createStatement();
    userWithAccounts(s, "0", accounts);
    return new Opened(url, c, s);
  }

  /** An open database: its URL, a connection and a statement on it. */
  record Opened(String url, Connection connection, Statement statement) implements AutoCloseable {
    /** Runs the migrations up to {@code target} ("latest" for all). */
    void migrate(String target) {
      LedgerDatabase.migrate(url, target);
    }

    @Override
    public void close() throws SQLException {
      statement.close();
      connection.close();
    }
  }

  /** A new, empty database's URL. */
  static String url() {
    return "jdbc:h2:mem:ledger-"
        + UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  /** Migrates {@code url} up to {@code target} ("latest" for all). */
  static void migrate(String url, String target) {
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/migration")
        .target(target)
        .load()
        .migrate();
  }

  /** User {@code u1} with a checking account of {@code balance} for each of {@code accounts}. */
  static void userWithAccounts(Statement s, String balance, String... accounts)
      throws SQLException {
    s.execute(
        "INSERT INTO users (id, email, password_hash, full_name, created_at, updated_at)"
            + " VALUES ('u1', 'a@example.com', 'x', 'A', "
            + NOW
            + ", "
            + NOW
            + ")");
    for (String a : accounts) {
      s.execute(
          "INSERT INTO accounts (id, account_number, user_id, account_type, balance, currency,"
              + " created_at, updated_at) VALUES ('"
              + a
              + "', 'N-"
              + a
              + "', 'u1', 'checking', "
              + balance
              + ", 'USD', "
              + NOW
              + ", "
              + NOW
              + ")");
    }
  }

  /** A completed transaction of 10 USD by {@code u1}. */
  static void transaction(Statement s, String id, String type, String at) throws SQLException {
    s.execute(
        "INSERT INTO transactions (id, transaction_type, amount, currency, status, reference,"
            + " initiated_by, created_at) VALUES ('"
            + id
            + "', '"
            + type
            + "', 10, 'USD', 'completed', 'ref-"
            + id
            + "', 'u1', "
            + at
            + ")");
  }
}
