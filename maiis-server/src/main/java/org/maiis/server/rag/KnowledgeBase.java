package org.maiis.server.rag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.maiis.server.Instrumentation;
import org.maiis.server.db.Transactions;

/**
 * The embedded knowledge base: chunks in the database, each with its owner, searched lexically
 * (BM25). Every read is filtered by owner in SQL, so a user never retrieves another's passages.
 */
public final class KnowledgeBase {
  /** Chunk size and overlap of the original API's ingest. */
  public static final int CHUNK_SIZE = 500;

  /** Characters repeated between neighbouring chunks. */
  public static final int CHUNK_OVERLAP = 50;

  private final Transactions tx;
  private final Chunker chunker = new Chunker(CHUNK_SIZE, CHUNK_OVERLAP);
  private final Instrumentation metrics;

  /** A knowledge base in {@code tx}'s database. */
  public KnowledgeBase(Transactions tx, Instrumentation metrics) {
    this.tx = tx;
    this.metrics = metrics;
  }

  /**
   * Replaces the chunks of {@code documentId} with the chunks of {@code text}, on the caller's
   * connection (inside its transaction).
   *
   * @return the number of chunks stored
   */
  public int ingest(Connection c, String documentId, String userId, String text)
      throws SQLException {
    remove(c, documentId);
    List<String> chunks = chunker.chunk(text);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO document_chunks (document_id, chunk_index, user_id, content)"
                + " VALUES (?,?,?,?)")) {
      for (int i = 0; i < chunks.size(); i++) {
        ps.setString(1, documentId);
        ps.setInt(2, i);
        ps.setString(3, userId);
        ps.setString(4, chunks.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return chunks.size();
  }

  /** Deletes the chunks of {@code documentId} on the caller's connection. */
  public void remove(Connection c, String documentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM document_chunks WHERE document_id = ?")) {
      ps.setString(1, documentId);
      ps.executeUpdate();
    }
  }

  /** The {@code k} chunks of {@code userId}'s documents that best match {@code query}. */
  public List<Passage> search(String userId, String query, int k) {
    long start = System.nanoTime();
    try {
      List<Bm25.Doc> docs = tx.run("select", "document_chunks", c -> chunksOf(c, userId));
      return Bm25.top(docs, query, k);
    } finally {
      metrics.vectorSearch("bm25", Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static List<Bm25.Doc> chunksOf(Connection c, String userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ch.document_id, d.original_filename, ch.chunk_index, ch.content"
                + " FROM document_chunks ch JOIN documents d ON d.id = ch.document_id"
                + " WHERE ch.user_id = ? AND d.user_id = ?")) {
      ps.setString(1, userId);
      ps.setString(2, userId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Bm25.Doc> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new Bm25.Doc(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
        }
        return out;
      }
    }
  }
}
