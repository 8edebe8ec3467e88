package org.maiis.server.rag.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code chunk_vectors} table: each chunk's embedding per model, as float32 bytes. */
public final class ChunkVectors {
  /**
   * What the table holds for one model: a derived index that has as many rows and has seen the same
   * highest seq is current.
   *
   * @param count rows of the model
   * @param maxSeq highest seq of the model, 0 when none
   */
  public record Fingerprint(long count, long maxSeq) {}

  /**
   * A stored vector with its seq.
   *
   * @param seq insertion order
   * @param vector the chunk's vector
   */
  public record Row(long seq, ChunkVector vector) {}

  /** Inserts {@code vectors} of {@code model} on the caller's connection. */
  public void insert(Connection c, String model, List<ChunkVector> vectors) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO chunk_vectors (document_id, chunk_index, scope, model, dims, vector)"
                + " VALUES (?,?,?,?,?,?)")) {
      for (ChunkVector v : vectors) {
        ps.setString(1, v.documentId());
        ps.setInt(2, v.chunkIndex());
        ps.setString(3, v.scope());
        ps.setString(4, model);
        ps.setInt(5, v.vector().length);
        ps.setBytes(6, bytes(v.vector()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes every vector of {@code documentId}, of any model. */
  public void delete(Connection c, String documentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM chunk_vectors WHERE document_id = ?")) {
      ps.setString(1, documentId);
      ps.executeUpdate();
    }
  }

  /** The table's state for {@code model}. */
  public Fingerprint fingerprint(Connection c, String model) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM chunk_vectors WHERE model = ?")) {
      ps.setString(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Fingerprint(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  /** The vectors of {@code model} with a seq above {@code afterSeq}, in seq order. */
  public List<Row> since(Connection c, String model, long afterSeq) throws SQLException {
    return since(c, model, afterSeq, 0);
  }

  /** At most {@code limit} (0: all) vectors of {@code model} after {@code afterSeq}, by seq. */
  public List<Row> since(Connection c, String model, long afterSeq, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, document_id, chunk_index, scope, vector FROM chunk_vectors"
                + " WHERE model = ? AND seq > ? ORDER BY seq")) {
      ps.setString(1, model);
      ps.setLong(2, afterSeq);
      ps.setFetchSize(1000);
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<Row> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new Row(
                  rs.getLong(1),
                  new ChunkVector(
                      rs.getString(2), rs.getInt(3), rs.getString(4), floats(rs.getBytes(5)))));
        }
        return out;
      }
    }
  }

  /** Little-endian float32. */
  static byte[] bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static float[] floats(byte[] bytes) {
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}
