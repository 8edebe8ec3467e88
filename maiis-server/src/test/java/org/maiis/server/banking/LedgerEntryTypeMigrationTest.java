package org.maiis.server.banking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** V8 gives every ledger entry written before it the type of its transaction. */
class LedgerEntryTypeMigrationTest {

  @Test
  void entriesWrittenBeforeV8GetTheirTransactionsType() throws Exception {
    try (LedgerDatabase.Opened db = LedgerDatabase.before("7", "a1", "a2")) {
      Statement s = db.statement();
      String now = LedgerDatabase.NOW;
      LedgerDatabase.transaction(s, "t1", "deposit", now);
      LedgerDatabase.transaction(s, "t2", "transfer", now);
      entry(s, "t1", "a1", "10", now);
      entry(s, "t2", "a1", "-4", now);
      entry(s, "t2", "a2", "4", now);

      db.migrate("latest");
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
