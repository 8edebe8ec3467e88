package org.maiis.server.banking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A history page on the embedded database reads the page, not the account's whole ledger: the guard
 * for the mixed load's most frequent database read (issue 14), counted in rows, not timed.
 */
class LedgerPageTest {
  private static final int TRANSFERS = 1500;
  private static final Pattern SCAN = Pattern.compile("scanCount: (\\d+)");

  private Connection c;

  @BeforeEach
  void ledgerOfTwoAccounts() throws SQLException {
    String url = LedgerDatabase.url();
    LedgerDatabase.migrate(url, "latest");
    c = DriverManager.getConnection(url, "sa", "");
    try (Statement s = c.createStatement()) {
      String now = LedgerDatabase.NOW;
      LedgerDatabase.userWithAccounts(s, "100000", "a1", "a2", "a3");
      // Transfers t1..tN from a1 to a2, with a deposit every tenth, and one entry per account each.
      s.execute(
          "INSERT INTO transactions (id, transaction_type, amount, currency, status,"
              + " from_account_id, to_account_id, reference, initiated_by, created_at)"
              + " SELECT 't' || x, CASE WHEN MOD(x, 10) = 0 THEN 'deposit' ELSE 'transfer' END,"
              + " 1, 'USD', 'completed', 'a1', 'a2', 'ref-' || x, 'u1', "
              + now
              + " FROM SYSTEM_RANGE(1, "
              + TRANSFERS
              + ") r(x)");
      // Each transfer's two entries side by side: the accounts' ids interleave.
      s.execute(
          "INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after,"
              + " created_at, transaction_type) SELECT 't' || ((x + 1) / 2),"
              + " CASE WHEN MOD(x, 2) = 1 THEN 'a1' ELSE 'a2' END, 1, 100, "
              + now
              + ", CASE WHEN MOD((x + 1) / 2, 10) = 0 THEN 'deposit' ELSE 'transfer' END"
              + " FROM SYSTEM_RANGE(1, "
              + 2 * TRANSFERS
              + ") r(x)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  void aPageIsTheNewestEntriesOfTheAccount() throws SQLException {
    List<String> page = ids(new Ledger(true).lines(c, List.of("a2"), Optional.empty(), 3, 0));
    // a2's entries were written after all of a1's: its newest are the last transfers.
    assertEquals(List.of("t1500", "t1499", "t1498"), page);
    List<String> next = ids(new Ledger(true).lines(c, List.of("a2"), Optional.empty(), 3, 3));
    assertEquals(List.of("t1497", "t1496", "t1495"), next);
    List<String> deposits =
        ids(new Ledger(true).lines(c, List.of("a1"), Optional.of("deposit"), 2, 0));
    assertEquals(List.of("t1500", "t1490"), deposits);
    assertEquals(
        ids(new Ledger(false).lines(c, List.of("a2"), Optional.empty(), 3, 0)),
        page,
        "the same page without naming the index");
  }

  @Test
  void aPageOfSeveralAccountsMergesTheirNewestEntries() throws SQLException {
    for (int offset : new int[] {0, 7, 1000}) {
      for (Optional<String> type : List.of(Optional.<String>empty(), Optional.of("deposit"))) {
        List<String> expected = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT account_id, transaction_id FROM ledger_entries"
                        + " WHERE account_id IN ('a1', 'a2')"
                        + (type.isPresent() ? " AND transaction_type = 'deposit'" : "")
                        + " ORDER BY id DESC LIMIT 5 OFFSET "
                        + offset);
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            expected.add(rs.getString(1) + " " + rs.getString(2));
          }
        }
        for (boolean h2 : new boolean[] {true, false}) {
          // Another pair first, on the same connection: nothing of it may stay in the next page.
          assertEquals(
              List.of(),
              new Ledger(h2).lines(c, List.of("a3", "a3"), type, 5, offset),
              "a3 has no entries");
          List<String> page = new ArrayList<>();
          new Ledger(h2)
              .lines(c, List.of("a1", "a2"), type, 5, offset)
              .forEach(l -> page.add(l.accountId() + " " + l.transaction().id()));
          assertEquals(expected, page, "offset " + offset + ", type " + type + ", h2 " + h2);
        }
      }
    }
  }

  @Test
  void aPageReadsOnlyItsOwnRows() throws SQLException {
    assertReadsAtMost(4 * (20 + 1), Ledger.pageQuery(true, 1, Optional.empty(), 20), "a1", 20, 0);
    assertReadsAtMost(
        4 * (20 + 1),
        Ledger.pageQuery(true, 1, Optional.of("deposit"), 20),
        "a1",
        "deposit",
        20,
        0);
    // Two accounts: each one's newest 20, then the merged entries and their transactions (about
    // 240 row visits, whatever the ledgers' length, where sorting both whole ledgers reads all).
    assertReadsAtMost(
        15 * 20,
        Ledger.pageQuery(true, 2, Optional.empty(), 20),
        Ledger.pageParams(List.of("a1", "a2"), Optional.empty(), 20, 0));
  }

  private void assertReadsAtMost(int rows, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        String plan = rs.getString(1);
        // Rows read by every scan of the plan: the ledger entries and the joined transactions.
        Matcher m = SCAN.matcher(plan);
        int read = 0;
        while (m.find()) {
          read += Integer.parseInt(m.group(1));
        }
        assertTrue(read > 0, plan);
        assertTrue(
            read <= rows, read + " rows read for a page of 20 in " + TRANSFERS + ":\n" + plan);
      }
    }
  }

  private static List<String> ids(List<Ledger.Line> lines) {
    List<String> ids = new ArrayList<>();
    lines.forEach(l -> ids.add(l.transaction().id()));
    return ids;
  }
}
