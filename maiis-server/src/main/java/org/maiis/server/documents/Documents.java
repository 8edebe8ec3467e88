package org.maiis.server.documents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.maiis.server.db.Sql;

/** Document rows. Every read is by owner, so another user's id is simply not found. */
final class Documents {
  private static final String COLUMNS =
      "id, original_filename, size_bytes, mime_type, document_type, extraction_status,"
          + " extraction_reason, ocr_confidence, extracted_text, is_indexed, chunk_count,"
          + " created_at, object_name";

  /** A row: the API view and the stored object's name. */
  record Row(Document document, String objectName) {}

  void insert(
      Connection c,
      String id,
      String userId,
      String objectName,
      String filename,
      long size,
      DocumentType type,
      Extraction e,
      boolean indexed,
      int chunks,
      OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO documents (id, user_id, object_name, original_filename, size_bytes,"
                + " mime_type, document_type, extracted_text, ocr_confidence, extraction_status,"
                + " extraction_reason, is_indexed, chunk_count, created_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, userId);
      ps.setString(3, objectName);
      ps.setString(4, filename);
      ps.setLong(5, size);
      ps.setString(6, type.mime());
      ps.setString(7, type.category());
      ps.setString(8, e.text());
      if (e.ocrConfidence().isPresent()) {
        ps.setDouble(9, e.ocrConfidence().get());
      } else {
        ps.setNull(9, Types.DOUBLE);
      }
      ps.setString(10, e.status());
      ps.setString(11, e.reason().orElse(null));
      ps.setBoolean(12, indexed);
      ps.setInt(13, chunks);
      ps.setObject(14, now);
      ps.executeUpdate();
    }
  }

  Optional<Row> find(Connection c, String userId, String id) throws SQLException {
    return Sql.first(
        c,
        "SELECT " + COLUMNS + " FROM documents WHERE id = ? AND user_id = ?",
        Documents::row,
        id,
        userId);
  }

  List<Document> ofUser(Connection c, String userId) throws SQLException {
    return Sql.list(
        c,
        "SELECT " + COLUMNS + " FROM documents WHERE user_id = ? ORDER BY created_at DESC, id",
        rs -> row(rs).document().summary(),
        userId);
  }

  void markIndexed(Connection c, String id, int chunks) throws SQLException {
    Sql.update(
        c, "UPDATE documents SET is_indexed = TRUE, chunk_count = ? WHERE id = ?", chunks, id);
  }

  void delete(Connection c, String id) throws SQLException {
    Sql.update(c, "DELETE FROM documents WHERE id = ?", id);
  }

  private static Row row(ResultSet rs) throws SQLException {
    String text = rs.getString("extracted_text");
    double conf = rs.getDouble("ocr_confidence");
    Double confidence = rs.wasNull() ? null : Math.round(conf * 10) / 10.0;
    return new Row(
        new Document(
            rs.getString("id"),
            rs.getString("original_filename"),
            rs.getLong("size_bytes"),
            rs.getString("mime_type"),
            rs.getString("document_type"),
            rs.getString("extraction_status"),
            rs.getString("extraction_reason"),
            confidence,
            text == null ? 0 : text.length(),
            rs.getBoolean("is_indexed"),
            rs.getInt("chunk_count"),
            rs.getObject("created_at", OffsetDateTime.class),
            text == null ? "" : text),
        rs.getString("object_name"));
  }
}
