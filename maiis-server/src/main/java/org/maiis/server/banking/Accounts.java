package org.maiis.server.banking;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO accounts (id, account_number, user_id, account_type, balance, currency,"
                + " is_active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, a.id());
      ps.setString(2, a.accountNumber());
      ps.setString(3, a.userId());
      ps.setString(4, a.accountType());
      ps.setBigDecimal(5, a.balance());
      ps.setString(6, a.currency());
      ps.setBoolean(7, a.isActive());
      ps.setObject(8, a.createdAt());
      ps.setObject(9, a.createdAt());
      ps.executeUpdate();
    }
  }

  /** The account with {@code id}, without locking. */
  public Optional<Account> find(Connection c, String id) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM accounts WHERE id = ?", id);
  }

  /** The account with {@code id}, row-locked until the transaction ends. */
  public Optional<Account> lock(Connection c, String id) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM accounts WHERE id = ? FOR UPDATE", id);
  }

  /** The accounts of {@code userId}, oldest first. */
  public List<Account> ofUser(Connection c, String userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM accounts WHERE user_id = ? ORDER BY created_at, id")) {
      ps.setString(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Account> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row(rs));
        }
        return out;
      }
    }
  }

  /** Sets the balance of a locked account. */
  public void setBalance(Connection c, String id, BigDecimal balance, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE accounts SET balance = ?, updated_at = ? WHERE id = ?")) {
      ps.setBigDecimal(1, balance);
      ps.setObject(2, now);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  /** Marks a locked account closed. */
  public void close(Connection c, String id, OffsetDateTime now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE accounts SET is_active = FALSE, closed_at = ?, updated_at = ? WHERE id = ?")) {
      ps.setObject(1, now);
      ps.setObject(2, now);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  private static Optional<Account> one(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
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
