package org.maiis.server.banking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V8 gives every ledger entry written before it the type of its transaction. */
class LedgerEntryTypeMigrationTest {

  @Test
  void entriesWrittenBeforeV8GetTheirTransactionsType() throws Exception {
    String url =
        "jdbc:h2:mem:v8-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      migrate(url, "7");
      String now = "TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00'";
      s.execute(
          "INSERT INTO users (id, email, password_hash, full_name, created_at, updated_at)"
              + " VALUES ('u1', 'a@example.com', 'x', 'A', "
              + now
              + ", "
              + now
              + ")");
      for (String a : new String[] {"a1", "a2"}) {
        s.execute(
            "INSERT INTO accounts (id, account_number, user_id, account_type, balance, currency,"
                + " created_at, updated_at) VALUES ('"
                + a
                + "', 'N-"
                + a
                + "', 'u1', 'checking', 0, 'USD', "
                + now
                + ", "
                + now
                + ")");
      }
      tx(s, "t1", "deposit", now);
      tx(s, "t2", "transfer", now);
      entry(s, "t1", "a1", "10", now);
      entry(s, "t2", "a1", "-4", now);
      entry(s, "t2", "a2", "4", now);

      migrate(url, "latest");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT account_id, amount, transaction_type FROM ledger_entries ORDER BY id")) {
        StringBuilder out = new StringBuilder();
        while (rs.next()) {
          out.append(rs.getString(1))
              .append(' ')
              .append(rs.getBigDecimal(2).toPlainString())
              .append(' ')
              .append(rs.getString(3))
              .append('\n');
        }
        assertEquals("a1 10.00 deposit\na1 -4.00 transfer\na2 4.00 transfer\n", out.toString());
      }
    }
  }

  private static void migrate(String url, String target) {
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/migration")
        .target(target)
        .load()
        .migrate();
  }

  private static void tx(Statement s, String id, String type, String now) throws Exception {
    s.execute(
        "INSERT INTO transactions (id, transaction_type, amount, currency, status, reference,"
            + " initiated_by, created_at) VALUES ('"
            + id
            + "', '"
            + type
            + "', 10, 'USD', 'completed', 'ref-"
            + id
            + "', 'u1', "
            + now
            + ")");
  }

  private static void entry(Statement s, String tx, String account, String amount, String now)
      throws Exception {
    s.execute(
        "INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after, created_at)"
            + " VALUES ('"
            + tx
            + "', '"
            + account
            + "', "
            + amount
            + ", 10, "
            + now
            + ")");
  }
}
