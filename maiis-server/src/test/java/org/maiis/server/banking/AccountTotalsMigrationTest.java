package org.maiis.server.banking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V10 sums every account's ledger written before it into the account's totals. */
class AccountTotalsMigrationTest {

  @Test
  void totalsOfLedgersWrittenBeforeV10() throws Exception {
    String url =
        "jdbc:h2:mem:v10-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      migrate(url, "9");
      String now = "TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00'";
      String later = "TIMESTAMP WITH TIME ZONE '2026-12-01 11:00:00+00'";
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
      tx(s, "t3", "withdrawal", later);
      entry(s, "t1", "a1", "10", "deposit", now);
      entry(s, "t2", "a1", "-4", "transfer", now);
      entry(s, "t2", "a2", "4", "transfer", now);
      entry(s, "t3", "a1", "-1.50", "withdrawal", later);

      migrate(url, "latest");
      Ledger ledger = new Ledger(true);
      Ledger.Totals a1 = ledger.totals(c, "a1");
      assertEquals(
          "10.00 1.50 0.00 4.00 3",
          a1.deposits()
              + " "
              + a1.withdrawals()
              + " "
              + a1.transfersIn()
              + " "
              + a1.transfersOut()
              + " "
              + a1.count());
      assertEquals(
          OffsetDateTime.parse("2026-12-01T11:00:00Z"),
          a1.lastActivity().withOffsetSameInstant(ZoneOffset.UTC));
      Ledger.Totals a2 = ledger.totals(c, "a2");
      assertEquals("4.00 1", a2.transfersIn() + " " + a2.count());
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

  private static void entry(
      Statement s, String tx, String account, String amount, String type, String at)
      throws Exception {
    s.execute(
        "INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after, created_at,"
            + " transaction_type) VALUES ('"
            + tx
            + "', '"
            + account
            + "', "
            + amount
            + ", 10, "
            + at
            + ", '"
            + type
            + "')");
  }
}
