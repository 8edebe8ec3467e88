package org.maiis.server.rag;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.maiis.config.ServerConfig;
import org.maiis.server.db.Database;
import org.maiis.server.db.DbMetrics;
import org.maiis.server.db.Transactions;
import org.maiis.server.rag.embed.Embedder;

/** A migrated embedded database with users and documents, for knowledge-base tests. */
public final class KbFixture implements AutoCloseable {
  /** The database. */
  public final Database db;

  /** Its transactions. */
  public final Transactions tx;

  /** Opens a fresh H2 database under {@code dir}. */
  public KbFixture(Path dir) {
    db =
        Database.open(
            new ServerConfig.Database(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                4,
                java.time.Duration.ofSeconds(5),
                true),
            dir,
            System::getenv);
    tx = new Transactions(db, DbMetrics.NONE);
  }

  /** Inserts a user and returns its id. */
  public String user() {
    String id = UUID.randomUUID().toString();
    tx.run(
        "insert",
        "users",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO users (id, email, password_hash, full_name, created_at, updated_at)"
                      + " VALUES (?,?,?,?,?,?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setString(1, id);
            ps.setString(2, id + "@example.com");
            ps.setString(3, "x");
            ps.setString(4, "Test");
            ps.setTimestamp(5, now);
            ps.setTimestamp(6, now);
            return ps.executeUpdate();
          }
        });
    return id;
  }

  /** Inserts a text document row of {@code owner} and returns its id. */
  public String document(String owner, String filename) {
    String id = UUID.randomUUID().toString();
    tx.run(
        "insert",
        "documents",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO documents (id, user_id, object_name, original_filename, size_bytes,"
                      + " mime_type, document_type, extraction_status, created_at)"
                      + " VALUES (?,?,?,?,0,'text/plain','text','ok',?)")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.setString(3, id);
            ps.setString(4, filename);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            return ps.executeUpdate();
          }
        });
    return id;
  }

  /** Ingests {@code text} as {@code documentId} into {@code scope} in one transaction. */
  public int ingest(KnowledgeBase kb, String documentId, String scope, String text) {
    KnowledgeBase.Prepared prepared = kb.prepare(text);
    kb.index(documentId, scope, prepared);
    return tx.inTransaction("document_chunks", c -> kb.store(c, documentId, scope, prepared));
  }

  /** Removes a document's chunks and vectors in one transaction. */
  public void remove(KnowledgeBase kb, String documentId) {
    tx.inTransaction(
        "document_chunks",
        c -> {
          kb.remove(c, documentId);
          return null;
        });
  }

  /** Rows of {@code sql} (a COUNT query). */
  public long count(String sql, String arg) {
    return tx.run(
        "select",
        "x",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Runs one update statement. */
  public void exec(String sql, String arg) {
    tx.run(
        "update",
        "x",
        (Connection c) -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void close() {
    db.close();
  }

  /**
   * A deterministic bag-of-words embedder (terms hashed into 256 dimensions): texts sharing terms
   * are similar. Stands in for a sentence model where the test is about storage and scoping.
   */
  public static final class HashingEmbedder implements Embedder {
    /** When set, every call fails as a down provider would. */
    public volatile boolean down;

    @Override
    public String provider() {
      return "local";
    }

    @Override
    public String model() {
      return "test-hashing-256";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      if (down) {
        throw new org.maiis.server.rag.embed.EmbeddingException("test embedder down");
      }
      List<float[]> out = new ArrayList<>();
      for (String t : texts) {
        float[] v = new float[256];
        for (String term : t.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
          if (term.length() > 2) {
            v[Math.floorMod(term.hashCode(), 256)] += 1;
          }
        }
        out.add(Embedder.normalize(v));
      }
      return out;
    }
  }
}
