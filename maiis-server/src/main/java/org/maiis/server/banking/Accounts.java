package org.maiis.server.banking;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.maiis.server.db.Sql;

/** Account rows. Every statement is parameterised; callers hold the transaction. */
public final class Accounts {
  private static final String COLUMNS =
      "id, account_number, user_id, account_type, balance, currency, is_active, created_at,"
          + " closed_at";
  private final SecureRandom random = new SecureRandom();

  /** A new random 20-digit account number. */
  public String newNumber() {
    StringBuilder sb = new StringBuilder(20);
    sb.append(1 + random.nextInt(9));
    while (sb.length() < 20) {
      sb.append(random.nextInt(10));
    }
    return sb.toString();
  }

  /** Inserts {@code a}. */
  public void insert(Connection c, Account a) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO accounts (id, account_number, user_id, account_type, balance, currency,"
            + " is_active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
        a.id(),
        a.accountNumber(),
        a.userId(),
        a.accountType(),
        a.balance(),
        a.currency(),
        a.isActive(),
        a.createdAt(),
        a.createdAt());
  }

  /** The account with {@code id}, without locking. */
  public Optional<Account> find(Connection c, String id) throws SQLException {
    return Sql.first(c, "SELECT " + COLUMNS + " FROM accounts WHERE id = ?", Accounts::row, id);
  }

  /** The account with {@code id}, row-locked until the transaction ends. */
  public Optional<Account> lock(Connection c, String id) throws SQLException {
    return Sql.first(
        c, "SELECT " + COLUMNS + " FROM accounts WHERE id = ? FOR UPDATE", Accounts::row, id);
  }

  /** The accounts of {@code userId}, oldest first. */
  public List<Account> ofUser(Connection c, String userId) throws SQLException {
    return Sql.list(
        c,
        "SELECT " + COLUMNS + " FROM accounts WHERE user_id = ? ORDER BY created_at, id",
        Accounts::row,
        userId);
  }

  /**
   * Sets the balance of locked account {@code a} to {@code balance}, only if it is still the
   * balance {@code a} was read with. The row lock should make that certain; the embedded database
   * has been seen to lose an update under heavy contention all the same, so a changed balance is a
   * serialization failure (SQLSTATE 40001) and the whole movement is retried on fresh rows.
   */
  public void setBalance(Connection c, Account a, BigDecimal balance, OffsetDateTime now)
      throws SQLException {
    int rows =
        Sql.update(
            c,
            "UPDATE accounts SET balance = ?, updated_at = ? WHERE id = ? AND balance = ?",
            balance,
            now,
            a.id(),
            a.balance());
    if (rows != 1) {
      throw new SQLException("the balance of the account changed under its lock", "40001");
    }
  }

  /** Marks a locked account closed. */
  public void close(Connection c, String id, OffsetDateTime now) throws SQLException {
    Sql.update(
        c,
        "UPDATE accounts SET is_active = FALSE, closed_at = ?, updated_at = ? WHERE id = ?",
        now,
        now,
        id);
  }

  private static Account row(ResultSet rs) throws SQLException {
    return new Account(
        rs.getString("id"),
        rs.getString("account_number"),
        rs.getString("user_id"),
        rs.getString("account_type"),
        rs.getBigDecimal("balance").setScale(2),
        rs.getString("currency"),
        rs.getBoolean("is_active"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("closed_at", OffsetDateTime.class));
  }
}
