package org.maiis.server.banking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** V10 sums every account's ledger written before it into the account's totals. */
class AccountTotalsMigrationTest {

  @Test
  void totalsOfLedgersWrittenBeforeV10() throws Exception {
    try (LedgerDatabase.Opened db = LedgerDatabase.before("9", "a1", "a2")) {
      Statement s = db.statement();
      String now = LedgerDatabase.NOW;
      String later = "TIMESTAMP WITH TIME ZONE '2026-12-01 11:00:00+00'";
      LedgerDatabase.transaction(s, "t1", "deposit", now);
      LedgerDatabase.transaction(s, "t2", "transfer", now);
      LedgerDatabase.transaction(s, "t3", "withdrawal", later);
      entry(s, "t1", "a1", "10", "deposit", now);
      entry(s, "t2", "a1", "-4", "transfer", now);
      entry(s, "t2", "a2", "4", "transfer", now);
      entry(s, "t3", "a1", "-1.50", "withdrawal", later);

      db.migrate("latest");
      AccountTotals.Totals a1 = AccountTotals.of(db.connection(), "a1");
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
      AccountTotals.Totals a2 = AccountTotals.of(db.connection(), "a2");
      assertEquals("4.00 1", a2.transfersIn() + " " + a2.count());
    }
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
