package org.maiis.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.maiis.server.db.Transactions;
import org.maiis.server.failure.Failure;

/** Users in the database. Every statement is parameterised. */
public final class UserRepository {
  private static final String COLUMNS =
      "id, email, password_hash, full_name, phone, role, is_active, is_verified, created_at,"
          + " last_login";
  private final Transactions tx;

  /** Users through {@code tx}. */
  public UserRepository(Transactions tx) {
    this.tx = tx;
  }

  /** Inserts {@code u}; 409 when the e-mail is taken. */
  public void insert(User u) {
    tx.run(
        "insert",
        "users",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO users (id, email, password_hash, full_name, phone, role, is_active,"
                      + " is_verified, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, u.id());
            ps.setString(2, u.email());
            ps.setString(3, u.passwordHash());
            ps.setString(4, u.fullName());
            ps.setString(5, u.phone().orElse(null));
            ps.setString(6, u.role().word());
            ps.setBoolean(7, u.active());
            ps.setBoolean(8, u.verified());
            ps.setObject(9, u.createdAt());
            ps.setObject(10, u.createdAt());
            ps.executeUpdate();
            return null;
          } catch (SQLException e) {
            if (Transactions.isUniqueViolation(e)) {
              throw Failure.conflict("email_taken", "an account with this e-mail exists");
            }
            throw e;
          }
        });
  }

  /** The user with {@code email}. */
  public Optional<User> byEmail(String email) {
    return tx.run(
        "select", "users", c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE email = ?", email));
  }

  /** The user with {@code id}. */
  public Optional<User> byId(String id) {
    return tx.run(
        "select", "users", c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id));
  }

  /** Records a successful login. */
  public void touchLogin(String id, OffsetDateTime when) {
    update("UPDATE users SET last_login = ? WHERE id = ?", when, id);
  }

  /** Updates the profile fields. */
  public void updateProfile(
      String id, String fullName, Optional<String> phone, OffsetDateTime now) {
    tx.run(
        "update",
        "users",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE users SET full_name = ?, phone = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, fullName);
            ps.setString(2, phone.orElse(null));
            ps.setObject(3, now);
            ps.setString(4, id);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Gives the user with {@code email} the role {@code role}; it takes effect at their next login or
   * refresh, when a new access token carries it.
   *
   * @return whether such a user exists
   */
  public boolean setRole(String email, Role role, OffsetDateTime now) {
    int rows =
        tx.run(
            "update",
            "users",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("UPDATE users SET role = ?, updated_at = ? WHERE email = ?")) {
                ps.setString(1, role.word());
                ps.setObject(2, now);
                ps.setString(3, email);
                return ps.executeUpdate();
              }
            });
    return rows > 0;
  }

  /** Replaces the password hash. */
  public void updatePassword(String id, String hash, OffsetDateTime now) {
    tx.run(
        "update",
        "users",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setObject(2, now);
            ps.setString(3, id);
            return ps.executeUpdate();
          }
        });
  }

  private void update(String sql, OffsetDateTime when, String id) {
    tx.run(
        "update",
        "users",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, when);
            ps.setString(2, id);
            return ps.executeUpdate();
          }
        });
  }

  private static Optional<User> one(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new User(
                rs.getString("id"),
                rs.getString("email"),
                rs.getString("password_hash"),
                rs.getString("full_name"),
                Optional.ofNullable(rs.getString("phone")),
                Role.of(rs.getString("role")),
                rs.getBoolean("is_active"),
                rs.getBoolean("is_verified"),
                rs.getObject("created_at", OffsetDateTime.class),
                Optional.ofNullable(rs.getObject("last_login", OffsetDateTime.class))));
      }
    }
  }
}
