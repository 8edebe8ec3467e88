package org.maiis.server.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.maiis.server.db.Sql;
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
        c ->
            Sql.insertUnique(
                c,
                () -> Failure.conflict("email_taken", "an account with this e-mail exists"),
                "INSERT INTO users (id, email, password_hash, full_name, phone, role, is_active,"
                    + " is_verified, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                u.id(),
                u.email(),
                u.passwordHash(),
                u.fullName(),
                u.phone().orElse(null),
                u.role().word(),
                u.active(),
                u.verified(),
                u.createdAt(),
                u.createdAt()));
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
    update(
        "UPDATE users SET full_name = ?, phone = ?, updated_at = ? WHERE id = ?",
        fullName,
        phone.orElse(null),
        now,
        id);
  }

  /**
   * Gives the user with {@code email} the role {@code role}; it takes effect at their next login or
   * refresh, when a new access token carries it.
   *
   * @return whether such a user exists
   */
  public boolean setRole(String email, Role role, OffsetDateTime now) {
    return update(
            "UPDATE users SET role = ?, updated_at = ? WHERE email = ?", role.word(), now, email)
        > 0;
  }

  /** Replaces the password hash. */
  public void updatePassword(String id, String hash, OffsetDateTime now) {
    update("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, now, id);
  }

  private int update(String sql, Object... params) {
    return tx.run("update", "users", c -> Sql.update(c, sql, params));
  }

  private static Optional<User> one(Connection c, String sql, String arg) throws SQLException {
    return Sql.first(
        c,
        sql,
        rs ->
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
                Optional.ofNullable(rs.getObject("last_login", OffsetDateTime.class))),
        arg);
  }
}
