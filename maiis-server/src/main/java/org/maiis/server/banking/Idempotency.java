package org.maiis.server.banking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.maiis.server.db.Sql;
import org.maiis.server.db.Transactions;
import org.maiis.server.failure.Failure;

/**
 * {@code Idempotency-Key} records, written in the same database transaction as the movement. The
 * key row is inserted before any account is locked: a concurrent duplicate blocks on it, fails, and
 * its retry finds the committed response and replays it.
 */
public final class Idempotency {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

  /**
   * A stored response.
   *
   * @param status HTTP status
   * @param body JSON body
   */
  public record Stored(int status, String body) {}

  /** The header value checked; 400 when malformed; empty when absent. */
  public static Optional<String> key(String header) {
    if (header == null) {
      return Optional.empty();
    }
    if (!KEY.matcher(header).matches()) {
      throw Failure.invalid(
          "invalid_idempotency_key", "Idempotency-Key must be 1-128 characters of [A-Za-z0-9_.:-]");
    }
    return Optional.of(header);
  }

  /** SHA-256 of what identifies a request: route and canonical body. */
  public static String hash(String route, String canonicalBody) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(route.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
      md.update(canonicalBody.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Claims {@code key} for this transaction, or returns the response stored under it. 409 when the
   * key was used for a different request.
   */
  public Optional<Stored> claim(
      Connection c, String userId, String key, String requestHash, OffsetDateTime now)
      throws SQLException {
    Optional<Stored> stored =
        Sql.first(
            c,
            "SELECT request_hash, status_code, response_body FROM idempotency_keys"
                + " WHERE user_id = ? AND idem_key = ?",
            rs -> {
              if (!rs.getString(1).equals(requestHash)) {
                throw Failure.conflict(
                    "idempotency_key_reused",
                    "this Idempotency-Key was used for a different request");
              }
              return new Stored(rs.getInt(2), rs.getString(3));
            },
            userId,
            key);
    if (stored.isPresent()) {
      return stored;
    }
    try {
      Sql.update(
          c,
          "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, status_code,"
              + " response_body, created_at) VALUES (?,?,?,0,'',?)",
          userId,
          key,
          requestHash,
          now);
    } catch (SQLException e) {
      if (Transactions.isUniqueViolation(e)) {
        // A concurrent request with the same key committed first: retry and replay it.
        throw new SQLException("idempotency key raced", "40001", e);
      }
      throw e;
    }
    return Optional.empty();
  }

  /** Stores the response for a claimed key. */
  public void complete(Connection c, String userId, String key, int status, String body)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE idempotency_keys SET status_code = ?, response_body = ?"
            + " WHERE user_id = ? AND idem_key = ?",
        status,
        body,
        userId,
        key);
  }
}
