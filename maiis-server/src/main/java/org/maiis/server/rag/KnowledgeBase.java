package org.maiis.server.rag;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maiis.server.db.Transactions;
import org.maiis.server.failure.Failure;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.embed.EmbeddingCache;
import org.maiis.server.rag.embed.EmbeddingException;
import org.maiis.server.rag.index.ChunkVector;
import org.maiis.server.rag.index.ChunkVectors;
import org.maiis.server.rag.index.KbChanges;
import org.maiis.server.rag.index.LexicalIndex;
import org.maiis.server.rag.index.LexicalSearch;
import org.maiis.server.rag.index.VectorHit;
import org.maiis.server.rag.index.VectorStore;
import org.maiis.server.rag.index.VectorStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base: chunks in the database, each in a scope (its owner's user id, or {@link
 * #SHARED}), with their embeddings; searched by hybrid retrieval — BM25 (a Lucene index kept a
 * cache of the table through the change log) and vector similarity fused by reciprocal rank. Both
 * indexes filter on the caller's scope and the shared one, and the passages are then read from the
 * table by key with the scopes in the query ({@link Passages}), so a user never retrieves another's
 * passages, nor a deleted one, whatever an index answers.
 */
public final class KnowledgeBase implements AutoCloseable {
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
  private static final int MIN_CANDIDATES = 20;
  // The best-sentence ranking counts double: on bench/rag's 60 labelled questions it lifted the
  // right document to first place for 40 -> 49 questions at weight 1, 50 at 1.5 to 3, recall@5
  // unchanged (0.942); planted facts at 3k chunks 3 -> 4 of 10 (docs/BENCHMARKS.md).
  private static final double SENTENCE_WEIGHT = 2.0;
  // About 1.5 MB of vectors. On bench/rag's generated 10k corpus 49 % of the sentences repeat
  // another, and the last 512 texts already held 46 % of them (8,192: 48 %).
  private static final int INGESTED_REMEMBERED = 1024;

  private final Transactions tx;
  private final Embedder embedder;
  private final VectorStore store;
  private final LexicalSearch lexical;
  private final ChunkVectors vectors = new ChunkVectors();
  private final KbChanges changes = new KbChanges();
  private final RagMetrics metrics;
  private final VectorBackfill backfill;
  private final EmbeddingCache ingested = new EmbeddingCache(INGESTED_REMEMBERED);

  /**
   * A knowledge base in {@code tx}'s database, its vectors from {@code embedder} in {@code store},
   * its BM25 index {@code lexical} (closed with the knowledge base).
   */
  public KnowledgeBase(
      Transactions tx,
      Embedder embedder,
      VectorStore store,
      LexicalSearch lexical,
      RagMetrics metrics) {
    this.tx = tx;
    this.embedder = embedder;
    this.store = store;
    this.lexical = lexical;
    this.metrics = metrics;
    this.backfill = new VectorBackfill(tx, embedder, store);
  }

  /** Like the five-argument constructor, with a lexical index in memory filled from the table. */
  public KnowledgeBase(Transactions tx, Embedder embedder, VectorStore store, RagMetrics metrics) {
    this(
        tx,
        embedder,
        store,
        new LexicalSearch(tx, LexicalIndex.inMemory(), embedder.model()),
        metrics);
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
   * Chunks and embeds a text for the knowledge base {@code scope}: the slow part of an ingest, run
   * before any transaction opens so it never holds a database connection. Sentences this knowledge
   * base ingested recently are not embedded again ({@link EmbeddingCache}).
   *
   * @throws IllegalArgumentException when the sizes are unusable (see {@link Chunker})
   * @throws Failure 503 when the embedding provider is down
   */
  public Prepared prepare(String scope, String text, int chunkSize, int overlap) {
    List<String> chunks = new Chunker(chunkSize, overlap).chunk(text);
    Embeddings.Chunks embedded = Embeddings.chunks(ingested.within(scope, embedder), chunks);
    return new Prepared(chunks, embedded.vectors(), embedded.sentences());
  }

  /** {@link #prepare(String, String, int, int)} with the default chunk size and overlap. */
  public Prepared prepare(String scope, String text) {
    return prepare(scope, text, CHUNK_SIZE, CHUNK_OVERLAP);
  }

  /**
   * Chunks of a text and their embeddings, ready to store.
   *
   * @param chunks the texts
   * @param vectors one per chunk
   * @param sentences per chunk, its sentences' vectors ({@link ChunkVectors#packSentences})
   */
  public record Prepared(List<String> chunks, List<float[]> vectors, List<byte[]> sentences) {}

  /**
   * Replaces the chunks of {@code documentId} with {@code prepared}, on the caller's connection
   * (inside its transaction; quick: rows only). Call {@link #index} first.
   *
   * @param scope the owner's user id, or {@link #SHARED}
   * @return the number of chunks stored
   */
  public int store(Connection c, String documentId, String scope, Prepared prepared)
      throws SQLException {
    // First, as every writer of chunks and vectors does: one lock order (the change log's counter,
    // then rows), and vectors visible in seq order (KbChanges.lock).
    changes.lock(c);
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
    vectors.insert(c, embedder.model(), rows(documentId, scope, prepared), prepared.sentences());
    changes.record(c, documentId);
    return chunks.size();
  }

  /**
   * Replaces the document's points in the vector store, before {@link #store} opens its
   * transaction: a network call never holds a database connection. When the transaction then fails,
   * the points it left are harmless — every vector hit is checked against the chunks SQL returns.
   *
   * @throws Failure 503 when the vector store is down (nothing is committed then)
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
    changes.lock(c);
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
    changes.record(c, documentId);
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
   *
   * @throws Failure 503 when the lexical index cannot be read or brought up to date
   */
  public List<Passage> search(String userId, String query, int k, Mode mode) {
    return retrieve(userId, query, k, mode).passages();
  }

  /**
   * Passages with the question's vector (null when retrieval did not embed it), so an extractive
   * answer does not embed the question again.
   */
  record Retrieved(List<Passage> passages, float[] queryVector) {}

  /** {@link #search(String, String, int, Mode)} with the question's vector. */
  Retrieved retrieve(String userId, String query, int k, Mode mode) {
    if (k <= 0) {
      return new Retrieved(List.of(), null);
    }
    List<String> scopes = List.of(userId, SHARED);
    int candidates = Math.max(MIN_CANDIDATES, 4 * k);
    // The bm25 series times the lexical side: the change-log check and the Lucene search.
    long start = System.nanoTime();
    List<Map.Entry<String, Double>> ranked = new ArrayList<>();
    if (mode != Mode.VECTOR) {
      try {
        for (LexicalIndex.Hit h : lexical.search(query, scopes, candidates)) {
          ranked.add(Map.entry(key(h.documentId(), h.chunkIndex()), h.score()));
        }
      } catch (IOException e) {
        throw lexicalDown(e);
      }
    }
    metrics.vectorSearch("bm25", Duration.ofNanos(System.nanoTime() - start));
    if (mode == Mode.LEXICAL) {
      return new Retrieved(passages(userId, ranked, k), null);
    }
    List<String> semantic = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    float[] q = null;
    try {
      q = embedder.embed(query);
      long vstart = System.nanoTime();
      List<VectorHit> hits = store.search(q, scopes, candidates);
      // After the search: an embedded store may have switched between exact and HNSW in it.
      metrics.vectorSearch(store.backend(), Duration.ofNanos(System.nanoTime() - vstart));
      for (VectorHit h : hits) {
        if (h.similarity() >= MIN_SIMILARITY) {
          semantic.add(key(h.documentId(), h.chunkIndex()));
        }
      }
      if (mode == Mode.HYBRID) {
        // The chunks whose single sentence says it best: a paraphrase of one sentence is found
        // where the chunk's vector, an average with its neighbours, ranks it hundreds deep.
        for (LexicalIndex.Hit h : lexical.nearestSentences(q, scopes, 4 * candidates)) {
          if (h.score() >= MIN_SIMILARITY) {
            sentences.add(key(h.documentId(), h.chunkIndex()));
          }
        }
      }
    } catch (EmbeddingException | VectorStoreException | IOException e) {
      if (mode == Mode.VECTOR) {
        throw e instanceof IOException io ? lexicalDown(io) : (RuntimeException) e;
      }
      LOG.warn("vector search unavailable, answering from BM25 alone: {}", e.getMessage());
    }
    List<String> lexicalKeys = ranked.stream().map(Map.Entry::getKey).toList();
    List<Map.Entry<String, Double>> fused =
        Fusion.fuse(List.of(lexicalKeys, semantic, sentences), 1.0, 1.0, SENTENCE_WEIGHT);
    return new Retrieved(passages(userId, fused, k), q);
  }

  private List<Passage> passages(String userId, List<Map.Entry<String, Double>> ranked, int k) {
    return ranked.isEmpty()
        ? List.of()
        : tx.run(
            "select",
            "document_chunks",
            c -> Passages.read(c, userId, embedder.model(), ranked, k));
  }

  /**
   * Applies the changes other writers committed to the lexical index and makes it durable, and
   * brings the vector store up to date: run now and then in the background, so questions rarely
   * find work to do and never pay for an fsync.
   */
  public void maintainIndex() {
    try {
      lexical.sync();
      lexical.commit();
    } catch (IOException e) {
      throw lexicalDown(e);
    }
    store.maintain();
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

  private static Failure storeDown(VectorStoreException e) {
    LOG.warn("vector store failed: {}", e.getMessage());
    return Failure.unavailable("vector_store_unavailable", "the vector store is unavailable");
  }

  // Lucene failed (disk full, unreadable directory): no search can be trusted now.
  private static Failure lexicalDown(IOException e) {
    LOG.warn("lexical index failed: {}", e.toString());
    return Failure.unavailable("search_index_unavailable", "the search index is unavailable");
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

  @Override
  public void close() {
    lexical.close();
  }
}
