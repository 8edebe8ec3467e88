package org.maiis.server.banking;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.maiis.server.db.Sql;

/**
 * An account's totals per kind of movement, its entry count and latest entry, kept in {@code
 * account_totals} by the transaction that writes each ledger entry, so a summary reads one row
 * instead of summing a ledger that grows for as long as the account lives.
 */
final class AccountTotals {
  private AccountTotals() {}

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

  // The caller holds the account's lock (or created it in this transaction), so update-then-insert
  // cannot race with itself.
  static void add(Connection c, String accountId, String type, BigDecimal amount, OffsetDateTime at)
      throws SQLException {
    BigDecimal zero = BigDecimal.ZERO;
    boolean transfer = "transfer".equals(type);
    BigDecimal deposits = "deposit".equals(type) ? amount : zero;
    BigDecimal withdrawals = "withdrawal".equals(type) ? amount.negate() : zero;
    BigDecimal in = transfer && amount.signum() > 0 ? amount : zero;
    BigDecimal out = transfer && amount.signum() < 0 ? amount.negate() : zero;
    int updated =
        Sql.update(
            c,
            "UPDATE account_totals SET deposits = deposits + ?, withdrawals = withdrawals + ?,"
                + " transfers_in = transfers_in + ?, transfers_out = transfers_out + ?,"
                + " entries = entries + 1, last_entry_at = CASE WHEN last_entry_at IS NULL"
                + " OR last_entry_at < ? THEN ? ELSE last_entry_at END WHERE account_id = ?",
            deposits,
            withdrawals,
            in,
            out,
            at,
            at,
            accountId);
    if (updated == 0) {
      Sql.update(
          c,
          "INSERT INTO account_totals (account_id, deposits, withdrawals, transfers_in,"
              + " transfers_out, entries, last_entry_at) VALUES (?,?,?,?,?,1,?)",
          accountId,
          deposits,
          withdrawals,
          in,
          out,
          at);
    }
  }

  /** Totals for {@code accountId}. */
  static Totals of(Connection c, String accountId) throws SQLException {
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    return Sql.first(
            c,
            "SELECT deposits, withdrawals, transfers_in, transfers_out, entries, last_entry_at"
                + " FROM account_totals WHERE account_id = ?",
            rs ->
                new Totals(
                    rs.getBigDecimal(1).setScale(2),
                    rs.getBigDecimal(2).setScale(2),
                    rs.getBigDecimal(3).setScale(2),
                    rs.getBigDecimal(4).setScale(2),
                    rs.getLong(5),
                    rs.getObject(6, OffsetDateTime.class)),
            accountId)
        .orElse(new Totals(zero, zero, zero, zero, 0, null));
  }
}
