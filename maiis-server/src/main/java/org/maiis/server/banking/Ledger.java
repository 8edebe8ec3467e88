package org.maiis.server.banking;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maiis.server.db.Sql;
import org.maiis.server.failure.Failure;

/** Transactions and their ledger entries. Callers hold the transaction. */
public final class Ledger {
  private final boolean namePageIndex;

  /**
   * A ledger on the embedded database ({@code h2}) or PostgreSQL.
   *
   * @param h2 H2's planner reads one account's history through the foreign key's own index on
   *     {@code account_id}, then joins and sorts the account's whole ledger for each page (6-9 ms
   *     at 2,000 entries, half the CPU of the mixed load); named, the index on {@code (account_id,
   *     id)} is read backwards and stops after the page (0.12 ms). PostgreSQL has no such index to
   *     mistake and chooses the right one.
   */
  public Ledger(boolean h2) {
    this.namePageIndex = h2;
  }

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

  /** Records {@code t} with its entries. */
  public void record(Connection c, Transaction t, String initiatedBy, List<LedgerEntry> entries)
      throws SQLException {
    Sql.insertUnique(
        c,
        () -> Failure.conflict("duplicate_reference", "a transaction with this reference exists"),
        "INSERT INTO transactions (id, transaction_type, amount, currency, status,"
            + " from_account_id, to_account_id, description, reference, initiated_by,"
            + " created_at, completed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        t.id(),
        t.transactionType(),
        t.amount(),
        t.currency(),
        t.status(),
        t.fromAccountId(),
        t.toAccountId(),
        t.description(),
        t.reference(),
        initiatedBy,
        t.createdAt(),
        t.completedAt());
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
    for (LedgerEntry e : entries) {
      AccountTotals.add(c, e.accountId(), t.transactionType(), e.amount(), t.createdAt());
    }
  }

  /** What left {@code accountId} (withdrawals and outgoing transfers) on {@code day}. */
  public BigDecimal outgoingOn(Connection c, String accountId, LocalDate day) throws SQLException {
    return Sql.first(
            c,
            "SELECT amount FROM account_daily_outflow WHERE account_id = ? AND flow_date = ?",
            rs -> rs.getBigDecimal(1).setScale(2),
            accountId,
            day)
        .orElse(BigDecimal.ZERO.setScale(2));
  }

  /**
   * Adds {@code amount} to what left {@code accountId} on {@code day}. The caller holds the
   * account's row lock, so update-then-insert cannot race with itself.
   */
  public void addOutgoing(Connection c, String accountId, LocalDate day, BigDecimal amount)
      throws SQLException {
    if (Sql.update(
            c,
            "UPDATE account_daily_outflow SET amount = amount + ?"
                + " WHERE account_id = ? AND flow_date = ?",
            amount,
            accountId,
            day)
        == 0) {
      Sql.update(
          c,
          "INSERT INTO account_daily_outflow (account_id, flow_date, amount) VALUES (?,?,?)",
          accountId,
          day,
          amount);
    }
  }

  /** Entries of {@code accountIds}, newest first, optionally of one transaction type. */
  public List<Line> lines(
      Connection c, List<String> accountIds, Optional<String> type, int limit, int offset)
      throws SQLException {
    if (accountIds.isEmpty()) {
      return List.of();
    }
    String sql = pageQuery(namePageIndex, accountIds.size(), type, limit + offset);
    return Sql.list(
        c,
        sql,
        rs ->
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
                    rs.getObject("completed_at", OffsetDateTime.class))),
        pageParams(accountIds, type, limit, offset));
  }

  /**
   * The query of {@link #lines}; its parameters are {@link #pageParams}. Each account's entries are
   * read newest first through the index on {@code (account_id, id)} (or {@code (account_id,
   * transaction_type, id)}), stopping after the page, instead of joining and sorting the accounts'
   * whole ledgers on every request; several accounts are merged from each one's first {@code share}
   * (the page's limit + offset).
   */
  static String pageQuery(boolean h2, int accounts, Optional<String> type, int share) {
    String columns =
        "SELECT e.account_id, e.amount AS entry_amount, e.balance_after, t.id, t.transaction_type,"
            + " t.amount, t.currency, t.status, t.from_account_id, t.to_account_id,"
            + " t.description, t.reference, t.created_at, t.completed_at";
    String join = " JOIN transactions t ON t.id = e.transaction_id";
    if (accounts == 1) {
      return columns
          + " FROM ledger_entries e"
          + index(h2, type)
          + join
          + where(1, type)
          + newestFirst(type)
          + " LIMIT ? OFFSET ?";
    }
    // Each account's share is a number, not a parameter: H2 reused the first execution's value
    // of a parameter in a derived table's LIMIT for later executions on the same connection.
    String one =
        "(SELECT e.id FROM ledger_entries e"
            + index(h2, type)
            + where(1, type)
            + newestFirst(type)
            + " LIMIT "
            + share
            + ")";
    return columns
        + " FROM ("
        + String.join(" UNION ALL ", java.util.Collections.nCopies(accounts, one))
        + ") p JOIN ledger_entries e ON e.id = p.id"
        + join
        + " ORDER BY e.id DESC LIMIT ? OFFSET ?";
  }

  // H2's planner would read one account's entries through the foreign key's index on account_id
  // alone and sort them all; it is told which index is in page order.
  private static String index(boolean h2, Optional<String> type) {
    if (!h2) {
      return "";
    }
    return type.isPresent()
        ? " USE INDEX (ledger_account_type_idx)"
        : " USE INDEX (ledger_account_idx)";
  }

  // One account's entries in the order of its index, newest first.
  private static String newestFirst(Optional<String> type) {
    return type.isPresent()
        ? " ORDER BY e.account_id DESC, e.transaction_type DESC, e.id DESC"
        : " ORDER BY e.account_id DESC, e.id DESC";
  }

  /** The parameters of {@link #pageQuery}. */
  static Object[] pageParams(
      List<String> accountIds, Optional<String> type, int limit, int offset) {
    if (accountIds.size() == 1) {
      return params(accountIds, type, limit, offset);
    }
    List<Object> out = new ArrayList<>();
    for (String id : accountIds) {
      out.add(id);
      type.ifPresent(out::add);
    }
    out.add(limit);
    out.add(offset);
    return out.toArray();
  }

  /** How many entries {@link #lines} would page through. */
  public long count(Connection c, List<String> accountIds, Optional<String> type)
      throws SQLException {
    if (accountIds.isEmpty()) {
      return 0;
    }
    // The entries carry their type: the count needs no join, only the account's index.
    return Sql.first(
            c,
            "SELECT COUNT(*) FROM ledger_entries e" + where(accountIds.size(), type),
            rs -> rs.getLong(1),
            params(accountIds, type))
        .orElse(0L);
  }

  private static String where(int accounts, Optional<String> type) {
    return (accounts == 1
            ? " WHERE e.account_id = ?"
            : " WHERE e.account_id IN ("
                + String.join(",", java.util.Collections.nCopies(accounts, "?"))
                + ")")
        + (type.isPresent() ? " AND e.transaction_type = ?" : "");
  }

  // The parameters of where(...), then the page's.
  private static Object[] params(List<String> accountIds, Optional<String> type, Object... page) {
    List<Object> out = new ArrayList<>(accountIds);
    type.ifPresent(out::add);
    out.addAll(List.of(page));
    return out.toArray();
  }
}
