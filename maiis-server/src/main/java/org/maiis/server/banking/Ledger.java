package org.maiis.server.banking;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maiis.server.db.Transactions;
import org.maiis.server.failure.Failure;

/** Transactions and their ledger entries. Callers hold the transaction. */
public final class Ledger {

  /**
   * A ledger entry joined with its transaction, for listings.
   *
   * @param accountId the account this entry belongs to
   * @param entryAmount signed amount for that account
   * @param balanceAfter the account's balance right after
   * @param transaction the movement
   */
  public record Line(
      String accountId, BigDecimal entryAmount, BigDecimal balanceAfter, Transaction transaction) {}

  /**
   * Totals for one account.
   *
   * @param deposits sum of deposits
   * @param withdrawals sum of withdrawals
   * @param transfersIn sum of incoming transfers
   * @param transfersOut sum of outgoing transfers
   * @param count number of entries
   * @param lastActivity time of the latest entry or null
   */
  public record Totals(
      BigDecimal deposits,
      BigDecimal withdrawals,
      BigDecimal transfersIn,
      BigDecimal transfersOut,
      long count,
      OffsetDateTime lastActivity) {}

  /** Records {@code t} with its entries. */
  public void record(Connection c, Transaction t, String initiatedBy, List<LedgerEntry> entries)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO transactions (id, transaction_type, amount, currency, status,"
                + " from_account_id, to_account_id, description, reference, initiated_by,"
                + " created_at, completed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, t.id());
      ps.setString(2, t.transactionType());
      ps.setBigDecimal(3, t.amount());
      ps.setString(4, t.currency());
      ps.setString(5, t.status());
      ps.setString(6, t.fromAccountId());
      ps.setString(7, t.toAccountId());
      ps.setString(8, t.description());
      ps.setString(9, t.reference());
      ps.setString(10, initiatedBy);
      ps.setObject(11, t.createdAt());
      ps.setObject(12, t.completedAt());
      ps.executeUpdate();
    } catch (SQLException e) {
      if (Transactions.isUniqueViolation(e)) {
        throw Failure.conflict("duplicate_reference", "a transaction with this reference exists");
      }
      throw e;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after,"
                + " created_at, transaction_type) VALUES (?,?,?,?,?,?)")) {
      for (LedgerEntry e : entries) {
        ps.setString(1, t.id());
        ps.setString(2, e.accountId());
        ps.setBigDecimal(3, e.amount());
        ps.setBigDecimal(4, e.balanceAfter());
        ps.setObject(5, t.createdAt());
        ps.setString(6, t.transactionType());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** What left {@code accountId} (withdrawals and outgoing transfers) on {@code day}. */
  public BigDecimal outgoingOn(Connection c, String accountId, LocalDate day) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT amount FROM account_daily_outflow WHERE account_id = ? AND flow_date = ?")) {
      ps.setString(1, accountId);
      ps.setObject(2, day);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBigDecimal(1).setScale(2) : BigDecimal.ZERO.setScale(2);
      }
    }
  }

  /**
   * Adds {@code amount} to what left {@code accountId} on {@code day}. The caller holds the
   * account's row lock, so update-then-insert cannot race with itself.
   */
  public void addOutgoing(Connection c, String accountId, LocalDate day, BigDecimal amount)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE account_daily_outflow SET amount = amount + ? WHERE account_id = ? AND flow_date = ?")) {
      ps.setBigDecimal(1, amount);
      ps.setString(2, accountId);
      ps.setObject(3, day);
      if (ps.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO account_daily_outflow (account_id, flow_date, amount) VALUES (?,?,?)")) {
      ps.setString(1, accountId);
      ps.setObject(2, day);
      ps.setBigDecimal(3, amount);
      ps.executeUpdate();
    }
  }

  /** Entries of {@code accountIds}, newest first, optionally of one transaction type. */
  public List<Line> lines(
      Connection c, List<String> accountIds, Optional<String> type, int limit, int offset)
      throws SQLException {
    if (accountIds.isEmpty()) {
      return List.of();
    }
    String sql =
        "SELECT e.account_id, e.amount AS entry_amount, e.balance_after, t.id, t.transaction_type,"
            + " t.amount, t.currency, t.status, t.from_account_id, t.to_account_id,"
            + " t.description, t.reference, t.created_at, t.completed_at"
            + " FROM ledger_entries e JOIN transactions t ON t.id = e.transaction_id"
            + where(accountIds.size(), type)
            // One account (what a history screen pages through): ordered like the index on
            // (account_id, id), so the database walks it backwards and stops after the page
            // instead of joining and sorting the account's whole ledger on every request.
            + (accountIds.size() == 1
                ? (type.isPresent()
                    ? " ORDER BY e.account_id DESC, e.transaction_type DESC, e.id DESC"
                    : " ORDER BY e.account_id DESC, e.id DESC")
                : " ORDER BY e.id DESC")
            + " LIMIT ? OFFSET ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bind(ps, accountIds, type);
      ps.setInt(i++, limit);
      ps.setInt(i, offset);
      try (ResultSet rs = ps.executeQuery()) {
        List<Line> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new Line(
                  rs.getString("account_id"),
                  rs.getBigDecimal("entry_amount").setScale(2),
                  rs.getBigDecimal("balance_after").setScale(2),
                  new Transaction(
                      rs.getString("id"),
                      rs.getString("transaction_type"),
                      rs.getBigDecimal("amount").setScale(2),
                      rs.getString("currency"),
                      rs.getString("status"),
                      rs.getString("from_account_id"),
                      rs.getString("to_account_id"),
                      rs.getString("description"),
                      rs.getString("reference"),
                      rs.getObject("created_at", OffsetDateTime.class),
                      rs.getObject("completed_at", OffsetDateTime.class))));
        }
        return out;
      }
    }
  }

  /** How many entries {@link #lines} would page through. */
  public long count(Connection c, List<String> accountIds, Optional<String> type)
      throws SQLException {
    if (accountIds.isEmpty()) {
      return 0;
    }
    // The entries carry their type: the count needs no join, only the account's index.
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM ledger_entries e" + where(accountIds.size(), type))) {
      bind(ps, accountIds, type);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Totals for {@code accountId}. */
  public Totals totals(Connection c, String accountId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT"
                + " COALESCE(SUM(CASE WHEN e.transaction_type = 'deposit' THEN e.amount END), 0),"
                + " COALESCE(SUM(CASE WHEN e.transaction_type = 'withdrawal' THEN -e.amount END),"
                + " 0),"
                + " COALESCE(SUM(CASE WHEN e.transaction_type = 'transfer' AND e.amount > 0"
                + " THEN e.amount END), 0),"
                + " COALESCE(SUM(CASE WHEN e.transaction_type = 'transfer' AND e.amount < 0"
                + " THEN -e.amount END), 0),"
                + " COUNT(*), MAX(e.created_at)"
                + " FROM ledger_entries e WHERE e.account_id = ?")) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Totals(
            rs.getBigDecimal(1).setScale(2),
            rs.getBigDecimal(2).setScale(2),
            rs.getBigDecimal(3).setScale(2),
            rs.getBigDecimal(4).setScale(2),
            rs.getLong(5),
            rs.getObject(6, OffsetDateTime.class));
      }
    }
  }

  private static String where(int accounts, Optional<String> type) {
    return (accounts == 1
            ? " WHERE e.account_id = ?"
            : " WHERE e.account_id IN ("
                + String.join(",", java.util.Collections.nCopies(accounts, "?"))
                + ")")
        + (type.isPresent() ? " AND e.transaction_type = ?" : "");
  }

  private static int bind(PreparedStatement ps, List<String> accountIds, Optional<String> type)
      throws SQLException {
    int i = 1;
    for (String id : accountIds) {
      ps.setString(i++, id);
    }
    if (type.isPresent()) {
      ps.setString(i++, type.get());
    }
    return i;
  }
}
