package org.maiis.server.rag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.maiis.server.db.Sql;
import org.maiis.server.db.Transactions;

/**
 * Each user's answered chat turns, in the database; every read and delete is scoped by owner.
 *
 * @param tx the database's transactions
 * @param mapper stores the sources as JSON
 * @param clock when a turn is answered
 */
public record ChatHistory(Transactions tx, ObjectMapper mapper, Clock clock) {
  private static final TypeReference<List<ChatService.Source>> SOURCES = new TypeReference<>() {};

  /**
   * One question and its answer.
   *
   * @param id the turn
   * @param message the user's question
   * @param response the answer
   * @param mode generated or extractive
   * @param sources the cited passages
   * @param createdAt when it was answered
   */
  public record Turn(
      String id,
      String message,
      String response,
      String mode,
      List<ChatService.Source> sources,
      OffsetDateTime createdAt) {}

  /**
   * A page of turns, newest first.
   *
   * @param turns the turns
   * @param total the user's turns in all
   * @param limit page size asked for
   * @param offset turns skipped
   */
  public record Page(List<Turn> turns, long total, int limit, int offset) {}

  /**
   * Stores a turn and returns its id, before the turn is forced to disk: call {@link
   * #awaitDurable()} before the answer is acknowledged.
   */
  public String recordBeforeDurable(String userId, String message, ChatService.Answer answer) {
    String id = UUID.randomUUID().toString();
    String sources;
    try {
      sources = mapper.writeValueAsString(answer.sources());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sources are not serialisable", e);
    }
    OffsetDateTime now =
        OffsetDateTime.now(clock)
            .withOffsetSameInstant(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MICROS);
    tx.runBeforeDurable(
        "insert",
        "chat_turns",
        c ->
            Sql.update(
                c,
                "INSERT INTO chat_turns (id, user_id, message, response, mode, sources,"
                    + " created_at) VALUES (?,?,?,?,?,?,?)",
                id,
                userId,
                message,
                answer.response(),
                answer.mode(),
                sources,
                now));
    return id;
  }

  /** Returns once every turn recorded before this call survives a power loss. */
  public void awaitDurable() {
    tx.awaitDurable();
  }

  /** {@code userId}'s turns, newest first. */
  public Page page(String userId, int limit, int offset) {
    return tx.run(
        "select",
        "chat_turns",
        c -> new Page(turns(c, userId, limit, offset), count(c, userId), limit, offset));
  }

  /** Deletes all of {@code userId}'s turns; returns how many there were. */
  public int clear(String userId) {
    return tx.run(
        "delete",
        "chat_turns",
        c -> Sql.update(c, "DELETE FROM chat_turns WHERE user_id = ?", userId));
  }

  /** Deletes one of {@code userId}'s turns; false when they have no such turn. */
  public boolean delete(String userId, String id) {
    return tx.run(
        "delete",
        "chat_turns",
        c -> Sql.update(c, "DELETE FROM chat_turns WHERE id = ? AND user_id = ?", id, userId) == 1);
  }

  private List<Turn> turns(Connection c, String userId, int limit, int offset) throws SQLException {
    return Sql.list(
        c,
        "SELECT id, message, response, mode, sources, created_at FROM chat_turns"
            + " WHERE user_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?",
        rs ->
            new Turn(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                sources(rs.getString(5)),
                rs.getObject(6, OffsetDateTime.class)),
        userId,
        limit,
        offset);
  }

  private static long count(Connection c, String userId) throws SQLException {
    return Sql.first(
            c, "SELECT COUNT(*) FROM chat_turns WHERE user_id = ?", rs -> rs.getLong(1), userId)
        .orElse(0L);
  }

  private List<ChatService.Source> sources(String json) throws SQLException {
    try {
      return mapper.readValue(json, SOURCES);
    } catch (JsonProcessingException e) {
      throw new SQLException("chat_turns.sources is not valid JSON", e);
    }
  }
}
