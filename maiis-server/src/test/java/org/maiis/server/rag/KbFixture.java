package org.maiis.server.rag;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.maiis.config.ServerConfig;
import org.maiis.server.db.Database;
import org.maiis.server.db.DbMetrics;
import org.maiis.server.db.Transactions;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.index.EmbeddedVectorStore;

/** A migrated embedded database with users and documents, for knowledge-base tests. */
public final class KbFixture implements AutoCloseable {
  /** A card policy, the knowledge-base tests' shared text. */
  public static final String CARDS =
      "A lost card is blocked immediately after you call the hotline. A replacement card arrives"
          + " by post within five working days.";

  /** A loan note, the knowledge-base tests' other text. */
  public static final String LOANS =
      "Personal loans run from one to seven years. Early repayment of a loan carries no penalty.";

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
    Timestamp now = Timestamp.from(Instant.now());
    insert(
        "users",
        "INSERT INTO users (id, email, password_hash, full_name, created_at, updated_at)"
            + " VALUES (?,?,?,?,?,?)",
        id,
        id + "@example.com",
        "x",
        "Test",
        now,
        now);
    return id;
  }

  /** Inserts a text document row of {@code owner} and returns its id. */
  public String document(String owner, String filename) {
    String id = UUID.randomUUID().toString();
    insert(
        "documents",
        "INSERT INTO documents (id, user_id, object_name, original_filename, size_bytes,"
            + " mime_type, document_type, extraction_status, created_at)"
            + " VALUES (?,?,?,?,0,'text/plain','text','ok',?)",
        id,
        owner,
        id,
        filename,
        Timestamp.from(Instant.now()));
    return id;
  }

  private void insert(String table, String sql, Object... values) {
    tx.run(
        "insert",
        table,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
              ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
          }
        });
  }

  /** Ingests {@code text} as {@code documentId} into {@code scope} in one transaction. */
  public int ingest(KnowledgeBase kb, String documentId, String scope, String text) {
    KnowledgeBase.Prepared prepared = kb.prepare(scope, text);
    kb.index(documentId, scope, prepared);
    return tx.inTransaction("document_chunks", c -> kb.store(c, documentId, scope, prepared));
  }

  /**
   * A knowledge base over this database with {@code embedder}, its vectors in an embedded store
   * under {@code vectorDir} that stays exact (never switches to HNSW) at any test size.
   */
  public KnowledgeBase exactKnowledgeBase(Embedder embedder, Path vectorDir) {
    return new KnowledgeBase(
        tx,
        embedder,
        new EmbeddedVectorStore(tx, embedder.model(), vectorDir, 1_000_000),
        RagMetrics.NONE);
  }

  /**
   * Documents ingested into the shared scope.
   *
   * @param nameOf each document's name by its id
   * @param chunks how many chunks they made
   */
  public record Shared(Map<String, String> nameOf, int chunks) {}

  /** Ingests each of {@code documents} (name to text) as {@code owner}'s NAME.md, shared. */
  public Shared ingestShared(KnowledgeBase kb, String owner, Map<String, String> documents) {
    Map<String, String> nameOf = new HashMap<>();
    int chunks = 0;
    for (var e : documents.entrySet()) {
      String id = document(owner, e.getKey() + ".md");
      nameOf.put(id, e.getKey());
      chunks += ingest(kb, id, KnowledgeBase.SHARED, e.getValue());
    }
    return new Shared(nameOf, chunks);
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

    /** Texts embedded so far. */
    public final AtomicInteger embedded = new AtomicInteger();

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
      embedded.addAndGet(texts.size());
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
