package org.maiis.server.rag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.maiis.server.db.Transactions;
import org.maiis.server.http.ApiException;
import org.maiis.server.metrics.Instrumentation;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.embed.EmbeddingException;
import org.maiis.server.rag.index.ChunkVector;
import org.maiis.server.rag.index.ChunkVectors;
import org.maiis.server.rag.index.VectorHit;
import org.maiis.server.rag.index.VectorStore;
import org.maiis.server.rag.index.VectorStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base: chunks in the database, each in a scope (its owner's user id, or {@link
 * #SHARED}), with their embeddings; searched by hybrid retrieval — BM25 and vector similarity fused
 * by reciprocal rank. A search reads the caller's scope and the shared one only, in SQL and in the
 * vector store's filter, and every vector hit is checked against the chunks SQL returned, so a user
 * never retrieves another's passages whatever the vector store answers.
 */
public final class KnowledgeBase {
  /** The scope of the bank's knowledge base, readable by every user. */
  public static final String SHARED = "shared";

  /** Chunk size and overlap of the original API's ingest. */
  public static final int CHUNK_SIZE = 500;

  /** Characters repeated between neighbouring chunks. */
  public static final int CHUNK_OVERLAP = 50;

  /**
   * Below this cosine similarity a vector hit is noise for MiniLM-class models (lower and relative
   * cuts were measured on bench/rag and lowered hybrid recall: docs/BENCHMARKS.md).
   */
  static final double MIN_SIMILARITY = 0.3;

  /** How retrieval ranks chunks. */
  public enum Mode {
    /** BM25 only. */
    LEXICAL,
    /** Vector similarity only. */
    VECTOR,
    /** Both, fused. */
    HYBRID
  }

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);
  static final int EMBED_BATCH = 32;
  private static final int MIN_CANDIDATES = 20;
  // ~4 KB per chunk: 50,000 chunks cost ~200 MB at most; beyond, the least recent are re-read.
  private static final int TERM_CACHE_CHUNKS = 50_000;

  private final Transactions tx;
  private final Embedder embedder;
  private final VectorStore store;
  private final ChunkVectors vectors = new ChunkVectors();
  private final TermCounts termCounts = new TermCounts(TERM_CACHE_CHUNKS);
  private final Instrumentation metrics;
  private final VectorBackfill backfill;

  /**
   * A knowledge base in {@code tx}'s database, its vectors from {@code embedder} in {@code store}.
   */
  public KnowledgeBase(
      Transactions tx, Embedder embedder, VectorStore store, Instrumentation metrics) {
    this.tx = tx;
    this.embedder = embedder;
    this.store = store;
    this.metrics = metrics;
    this.backfill = new VectorBackfill(tx, embedder, store);
  }

  /** The embedder of its vectors (extractive answers embed candidate sentences with it). */
  Embedder embedder() {
    return embedder;
  }

  /** The vector store (readiness checks). */
  public VectorStore store() {
    return store;
  }

  /**
   * Chunks and embeds a text: the slow part of an ingest, run before any transaction opens so it
   * never holds a database connection.
   *
   * @throws IllegalArgumentException when the sizes are unusable (see {@link Chunker})
   * @throws ApiException 503 when the embedding provider is down
   */
  public Prepared prepare(String text, int chunkSize, int overlap) {
    List<String> chunks = new Chunker(chunkSize, overlap).chunk(text);
    return new Prepared(chunks, embedAll(chunks));
  }

  /** {@link #prepare(String, int, int)} with the default chunk size and overlap. */
  public Prepared prepare(String text) {
    return prepare(text, CHUNK_SIZE, CHUNK_OVERLAP);
  }

  /** Chunks of a text and their embeddings, ready to store. */
  public record Prepared(List<String> chunks, List<float[]> vectors) {}

  /**
   * Replaces the chunks of {@code documentId} with {@code prepared}, on the caller's connection
   * (inside its transaction; quick: rows only). Call {@link #index} first.
   *
   * @param scope the owner's user id, or {@link #SHARED}
   * @return the number of chunks stored
   */
  public int store(Connection c, String documentId, String scope, Prepared prepared)
      throws SQLException {
    List<String> chunks = prepared.chunks();
    vectors.delete(c, documentId);
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM document_chunks WHERE document_id = ?")) {
      ps.setString(1, documentId);
      ps.executeUpdate();
    }
    String owner = ownerOf(c, documentId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO document_chunks (document_id, chunk_index, user_id, scope, content)"
                + " VALUES (?,?,?,?,?)")) {
      for (int i = 0; i < chunks.size(); i++) {
        ps.setString(1, documentId);
        ps.setInt(2, i);
        ps.setString(3, owner);
        ps.setString(4, scope);
        ps.setString(5, chunks.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    vectors.insert(c, embedder.model(), rows(documentId, scope, prepared));
    return chunks.size();
  }

  /**
   * Replaces the document's points in the vector store, before {@link #store} opens its
   * transaction: a network call never holds a database connection. When the transaction then fails,
   * the points it left are harmless — every vector hit is checked against the chunks SQL returns.
   *
   * @throws ApiException 503 when the vector store is down (nothing is committed then)
   */
  public void index(String documentId, String scope, Prepared prepared) {
    try {
      store.removeDocument(documentId);
      store.upsert(rows(documentId, scope, prepared));
    } catch (VectorStoreException e) {
      throw storeDown(e);
    }
  }

  private static List<ChunkVector> rows(String documentId, String scope, Prepared prepared) {
    List<ChunkVector> out = new ArrayList<>(prepared.chunks().size());
    for (int i = 0; i < prepared.chunks().size(); i++) {
      out.add(new ChunkVector(documentId, i, scope, prepared.vectors().get(i)));
    }
    return out;
  }

  /** Deletes the chunks and vectors of {@code documentId}, also from the vector store. */
  public void remove(Connection c, String documentId) throws SQLException {
    vectors.delete(c, documentId);
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM document_chunks WHERE document_id = ?")) {
      ps.setString(1, documentId);
      if (ps.executeUpdate() == 0) {
        // Never ingested (or already removed): no points to delete, and a document can be
        // deleted while the vector store is down.
        return;
      }
    }
    try {
      store.removeDocument(documentId);
    } catch (VectorStoreException e) {
      throw storeDown(e);
    }
  }

  /**
   * The {@code k} chunks of {@code userId}'s and the shared scope that best match {@code query}.
   */
  public List<Passage> search(String userId, String query, int k) {
    return search(userId, query, k, Mode.HYBRID);
  }

  /**
   * Like {@link #search(String, String, int)} ranked by {@code mode}. When the embedding provider
   * or the vector store fails, hybrid search answers from BM25 alone (logged).
   */
  public List<Passage> search(String userId, String query, int k, Mode mode) {
    List<String> scopes = List.of(userId, SHARED);
    // The bm25 series times the lexical side: reading the caller's chunks and ranking them.
    long start = System.nanoTime();
    List<Bm25.Doc> docs = tx.run("select", "document_chunks", c -> chunksIn(c, userId));
    int candidates = Math.max(MIN_CANDIDATES, 4 * k);
    List<Passage> lexical =
        mode == Mode.VECTOR || k <= 0 ? List.of() : Bm25.top(docs, query, candidates, termCounts);
    metrics.vectorSearch("bm25", Duration.ofNanos(System.nanoTime() - start));
    if (docs.isEmpty() || k <= 0) {
      return List.of();
    }
    if (mode == Mode.LEXICAL) {
      return lexical.subList(0, Math.min(k, lexical.size()));
    }
    Map<String, Bm25.Doc> byKey = new HashMap<>();
    docs.forEach(d -> byKey.put(key(d.documentId(), d.chunkIndex()), d));
    List<String> semantic = new ArrayList<>();
    try {
      float[] q = embedder.embed(query);
      long vstart = System.nanoTime();
      List<VectorHit> hits = store.search(q, scopes, candidates);
      // After the search: an embedded store may have switched between exact and HNSW in it.
      metrics.vectorSearch(store.backend(), Duration.ofNanos(System.nanoTime() - vstart));
      for (VectorHit h : hits) {
        String key = key(h.documentId(), h.chunkIndex());
        // Only chunks SQL returned for this user's scopes: stale or foreign points never leak.
        if (h.similarity() >= MIN_SIMILARITY && byKey.containsKey(key)) {
          semantic.add(key);
        }
      }
    } catch (EmbeddingException | VectorStoreException e) {
      if (mode == Mode.VECTOR) {
        throw e;
      }
      LOG.warn("vector search unavailable, answering from BM25 alone: {}", e.getMessage());
    }
    List<String> lexicalKeys =
        lexical.stream().map(p -> key(p.documentId(), p.chunkIndex())).toList();
    List<Passage> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : Fusion.fuse(List.of(lexicalKeys, semantic), 1.0, 1.0)) {
      if (out.size() == k) {
        break;
      }
      Bm25.Doc d = byKey.get(e.getKey());
      out.add(new Passage(d.documentId(), d.filename(), d.chunkIndex(), d.content(), e.getValue()));
    }
    return out;
  }

  /**
   * Embeds the chunks that have no vector of the current model (chunks ingested before vectors
   * existed, or under another model), in batches.
   *
   * @return the number of chunks embedded
   */
  public int backfill() {
    return backfill.backfill();
  }

  /**
   * Copies every stored vector of the current model into a vector store that starts empty (a new
   * Qdrant collection, e.g. after switching from the embedded store), in pages.
   *
   * @return the number of vectors copied
   */
  public int loadStore() {
    return backfill.loadStore();
  }

  private List<float[]> embedAll(List<String> texts) {
    return embedAll(embedder, texts);
  }

  /**
   * {@code texts} embedded in batches.
   *
   * @throws ApiException 503 when the embedding provider fails
   */
  static List<float[]> embedAll(Embedder embedder, List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    try {
      for (int i = 0; i < texts.size(); i += EMBED_BATCH) {
        out.addAll(embedder.embed(texts.subList(i, Math.min(texts.size(), i + EMBED_BATCH))));
      }
    } catch (EmbeddingException e) {
      LOG.warn("embedding failed: {}", e.getMessage());
      throw ApiException.unavailable(
          "embedding_unavailable", "the embedding provider is unavailable");
    }
    return out;
  }

  private static ApiException storeDown(VectorStoreException e) {
    LOG.warn("vector store failed: {}", e.getMessage());
    return ApiException.unavailable("vector_store_unavailable", "the vector store is unavailable");
  }

  private static String key(String documentId, int chunkIndex) {
    return documentId + '#' + chunkIndex;
  }

  private static String ownerOf(Connection c, String documentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM documents WHERE id = ?")) {
      ps.setString(1, documentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no such document");
        }
        return rs.getString(1);
      }
    }
  }

  private static List<Bm25.Doc> chunksIn(Connection c, String userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ch.document_id, d.original_filename, ch.chunk_index, ch.content"
                + " FROM document_chunks ch JOIN documents d ON d.id = ch.document_id"
                + " WHERE ch.scope IN (?, ?)")) {
      ps.setString(1, userId);
      ps.setString(2, SHARED);
      return docs(ps);
    }
  }

  private static List<Bm25.Doc> docs(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      List<Bm25.Doc> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Bm25.Doc(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
      }
      return out;
    }
  }
}
