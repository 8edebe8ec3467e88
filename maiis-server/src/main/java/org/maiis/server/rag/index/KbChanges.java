package org.maiis.server.rag.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The knowledge base's change log ({@code kb_changes}, {@code kb_generation}): which documents'
 * chunks changed after a given generation. Writers call {@link #record} inside the transaction that
 * changes the chunks; readers bring a derived index up to date with {@link #since}.
 */
public final class KbChanges {
  /**
   * A document whose chunks changed (ingested, replaced or removed).
   *
   * @param generation the change's generation (increasing in commit order)
   * @param documentId the document
   */
  public record Change(long generation, String documentId) {}

  /**
   * Marks {@code documentId} changed at the next generation, on the caller's connection (which took
   * {@link #lock} first).
   */
  public void record(Connection c, String documentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE kb_generation SET generation = generation + 1 WHERE id = 1")) {
      ps.executeUpdate();
    }
    long generation = current(c);
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE kb_changes SET generation = ? WHERE document_id = ?")) {
      ps.setLong(1, generation);
      ps.setString(2, documentId);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    // A first change of this document: the counter's lock makes this insert the only one.
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO kb_changes (document_id, generation) VALUES (?, ?)")) {
      ps.setString(1, documentId);
      ps.setLong(2, generation);
      ps.executeUpdate();
    }
  }

  /**
   * Takes the counter's row lock until the caller commits. Every writer of chunks and their vectors
   * calls it first: rows of {@code chunk_vectors} get their seq at insert time, so two transactions
   * inserting at once could commit out of seq order, and a reader that had seen the later rows
   * would skip the earlier ones for good (the embedded vector store then found its count short and
   * rebuilt itself from the table). With the lock, rows become visible in seq order, and all
   * writers lock in one order (this counter, then rows).
   */
  public void lock(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT generation FROM kb_generation WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
    }
  }

  /** The last committed generation (0 before any change). */
  public long current(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT generation FROM kb_generation WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** At most {@code limit} changes after {@code generation}, oldest first. */
  public List<Change> since(Connection c, long generation, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT generation, document_id FROM kb_changes WHERE generation > ?"
                + " ORDER BY generation")) {
      ps.setLong(1, generation);
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<Change> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new Change(rs.getLong(1), rs.getString(2)));
        }
        return out;
      }
    }
  }
}
