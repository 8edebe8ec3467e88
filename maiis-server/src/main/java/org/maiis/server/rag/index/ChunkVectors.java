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
    insert(c, model, vectors, null);
  }

  /**
   * Inserts {@code vectors} of {@code model} with their chunks' sentence vectors ({@link
   * #packSentences}, one per vector; null: none) on the caller's connection.
   */
  public void insert(Connection c, String model, List<ChunkVector> vectors, List<byte[]> sentences)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO chunk_vectors (document_id, chunk_index, scope, model, dims, vector,"
                + " sentences) VALUES (?,?,?,?,?,?,?)")) {
      for (int i = 0; i < vectors.size(); i++) {
        ChunkVector v = vectors.get(i);
        ps.setString(1, v.documentId());
        ps.setInt(2, v.chunkIndex());
        ps.setString(3, v.scope());
        ps.setString(4, model);
        ps.setInt(5, v.vector().length);
        ps.setBytes(6, bytes(v.vector()));
        ps.setBytes(7, sentences == null ? null : sentences.get(i));
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

  /**
   * Unit vectors packed for storage: per vector a float32 scale (its largest magnitude / 127) and
   * one signed byte per dimension, little-endian. A quarter of float32's size; choosing a quote by
   * cosine is unchanged at the precision this keeps (about 0.4 % of the largest component).
   */
  public static byte[] packSentences(List<float[]> vectors) {
    int dims = vectors.isEmpty() ? 0 : vectors.get(0).length;
    ByteBuffer b =
        ByteBuffer.allocate(vectors.size() * (Float.BYTES + dims)).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] v : vectors) {
      float max = 0;
      for (float x : v) {
        max = Math.max(max, Math.abs(x));
      }
      float scale = max == 0 ? 1 : max / 127;
      b.putFloat(scale);
      for (float x : v) {
        b.put((byte) Math.round(x / scale));
      }
    }
    return b.array();
  }

  /** The vectors of {@link #packSentences}, each {@code dims} long. */
  public static List<float[]> unpackSentences(byte[] packed, int dims) {
    ByteBuffer b = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
    List<float[]> out = new ArrayList<>(packed.length / (Float.BYTES + dims));
    while (b.remaining() >= Float.BYTES + dims) {
      float scale = b.getFloat();
      float[] v = new float[dims];
      for (int i = 0; i < dims; i++) {
        v[i] = b.get() * scale;
      }
      out.add(v);
    }
    return out;
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
