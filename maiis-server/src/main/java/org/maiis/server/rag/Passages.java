package org.maiis.server.rag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maiis.server.rag.index.ChunkVectors;

/**
 * Reads ranked chunks back from the table by key, with the caller's scopes in the query: an index
 * entry of another user, of a deleted document or of an ingest whose transaction failed is skipped,
 * never quoted, whatever an index (a cache, maybe behind) answered.
 */
final class Passages {
  private Passages() {}

  /**
   * The first {@code k} of {@code ranked} (keys {@code documentId#chunkIndex} with their scores,
   * best first) that the table holds in {@code userId}'s or the shared scope, with their sentence
   * vectors of {@code model} when stored.
   */
  static List<Passage> read(
      Connection c, String userId, String model, List<Map.Entry<String, Double>> ranked, int k)
      throws SQLException {
    List<Passage> out = new ArrayList<>(k);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT d.original_filename, ch.content, v.dims, v.sentences"
                + " FROM document_chunks ch JOIN documents d ON d.id = ch.document_id"
                + " LEFT JOIN chunk_vectors v ON v.document_id = ch.document_id"
                + " AND v.chunk_index = ch.chunk_index AND v.model = ?"
                + " WHERE ch.document_id = ? AND ch.chunk_index = ? AND ch.scope IN (?, ?)")) {
      for (Map.Entry<String, Double> entry : ranked) {
        String key = entry.getKey();
        if (out.size() == k) {
          break;
        }
        int hash = key.lastIndexOf('#');
        String documentId = key.substring(0, hash);
        int chunkIndex = Integer.parseInt(key.substring(hash + 1));
        ps.setString(1, model);
        ps.setString(2, documentId);
        ps.setInt(3, chunkIndex);
        ps.setString(4, userId);
        ps.setString(5, KnowledgeBase.SHARED);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            byte[] sentences = rs.getBytes(4);
            out.add(
                new Passage(
                    documentId,
                    rs.getString(1),
                    chunkIndex,
                    rs.getString(2),
                    entry.getValue(),
                    sentences == null
                        ? List.of()
                        : ChunkVectors.unpackSentences(sentences, rs.getInt(3))));
          }
        }
      }
    }
    return out;
  }
}
