package org.maiis.server.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.maiis.server.rag.KbFixture.CARDS;
import static org.maiis.server.rag.KbFixture.LOANS;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maiis.server.failure.Failure;
import org.maiis.server.rag.index.ChunkVectors;
import org.maiis.server.rag.index.EmbeddedVectorStore;
import org.maiis.server.rag.index.FakeQdrant;
import org.maiis.server.rag.index.QdrantVectorStore;
import org.maiis.server.rag.index.VectorStore;

/** Hybrid retrieval, scoping and vector persistence on a real (H2) database. */
class KnowledgeBaseTest extends KbTestBase {
  private static final String SECRET =
      "The vault combination of the Zephyrine branch is known to the regional manager only.";

  private String admin;

  @BeforeEach
  void thirdUser() {
    admin = f.user();
  }

  private KnowledgeBase kb(VectorStore store) {
    return new KnowledgeBase(f.tx, embedder, store, RagMetrics.NONE);
  }

  private EmbeddedVectorStore embedded(int hnswThreshold) {
    return new EmbeddedVectorStore(
        f.tx, embedder.model(), dir.resolve("vector-index"), hnswThreshold);
  }

  private static Set<String> docs(List<Passage> ps) {
    return ps.stream().map(Passage::documentId).collect(Collectors.toSet());
  }

  /** Alice's private secret, a shared card policy, Bob's own loan note. */
  private String[] corpus(KnowledgeBase kb) {
    String secret = f.document(alice, "secret.txt");
    String cards = f.document(admin, "cards.md");
    String loans = f.document(bob, "loans.txt");
    f.ingest(kb, secret, alice, SECRET);
    f.ingest(kb, cards, KnowledgeBase.SHARED, CARDS);
    f.ingest(kb, loans, bob, LOANS);
    return new String[] {secret, cards, loans};
  }

  /** The {@link #corpus}, indexed by HNSW and made durable by a store that is then closed. */
  private String[] corpusInAClosedHnswIndex() {
    EmbeddedVectorStore store = embedded(1);
    String[] d = corpus(kb(store));
    assertEquals("hnsw", store.sync());
    store.close();
    return d;
  }

  /**
   * The document of {@code user}'s first vector hit, through the HNSW index on disk opened anew.
   */
  private String firstVectorHitOfAReopenedStore(String user, String question) {
    EmbeddedVectorStore store = embedded(1);
    try {
      return kb(store).search(user, question, 5, KnowledgeBase.Mode.VECTOR).get(0).documentId();
    } finally {
      store.close();
    }
  }

  @Test
  void aUserRetrievesOwnAndSharedChunksNeverAnothersInExactAndHnsw() {
    for (int threshold : new int[] {1_000, 1}) {
      EmbeddedVectorStore store = embedded(threshold);
      KnowledgeBase kb = kb(store);
      String[] d = corpus(kb);
      for (KnowledgeBase.Mode mode : KnowledgeBase.Mode.values()) {
        List<Passage> bobs = kb.search(bob, "vault combination Zephyrine branch manager", 5, mode);
        assertFalse(docs(bobs).contains(d[0]), mode + ": " + bobs);
        List<Passage> alices = kb.search(alice, "vault combination Zephyrine branch", 5, mode);
        assertEquals(d[0], alices.get(0).documentId(), mode + " " + threshold);
        List<Passage> shared = kb.search(bob, "lost card hotline replacement", 5, mode);
        assertEquals(d[1], shared.get(0).documentId(), mode + " " + threshold);
        assertEquals("cards.md", shared.get(0).filename());
      }
      assertEquals(threshold == 1 ? "hnsw" : "exact", store.backend());
      for (String id : d) {
        f.remove(kb, id);
      }
      store.close();
    }
  }

  /**
   * More vectors than one page of the store's sync: the background maintenance, not a question,
   * brings the HNSW index up to date, page by page, and a rebuild after a deletion does too.
   */
  @Test
  void theBackgroundMaintenanceIndexesABulkIngestInPages() throws IOException {
    EmbeddedVectorStore store = embedded(1_000);
    KnowledgeBase kb = kb(store);
    corpus(kb);
    String bulk = bulk(EmbeddedVectorStore.PAGE + 500);
    String big = f.document(bob, "tariff.md");
    int chunks = f.ingest(kb, big, bob, bulk);
    assertTrue(chunks > EmbeddedVectorStore.PAGE, chunks + " chunks");
    kb.maintainIndex();
    assertEquals("hnsw", store.backend(), "switched and filled without a question");
    assertEquals("hnsw", store.sync(), "nothing left for a question to do");
    // Fewer rows than a write batch: held back until a maintenance finds the table unchanged.
    long maxSeq = f.count("SELECT MAX(seq) FROM chunk_vectors WHERE model = ?", embedder.model());
    assertTrue(committedVectorSeq() < maxSeq);
    kb.maintainIndex();
    assertEquals(maxSeq, committedVectorSeq(), "written once the ingest was over");
    String clause = bulk.split("\n\n")[7];
    assertEquals(
        big, kb.search(bob, clause, 5, KnowledgeBase.Mode.VECTOR).get(0).documentId(), clause);
    f.remove(kb, big);
    kb.maintainIndex();
    assertEquals("exact", store.backend(), "back under the threshold");
    store.close();
  }

  /** {@code rules} short paragraphs, a chunk each, of varied words. */
  private static String bulk(int rules) {
    String[] words = {
      "parking", "garden", "violin", "harbour", "pepper", "glacier", "mosaic", "lantern", "falcon",
      "quarry", "tundra", "velvet", "walnut", "orchid", "saddle", "meadow", "copper", "raven"
    };
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < rules; i++) {
      // Varied words: thousands of near-identical vectors would strand any HNSW search.
      bulk.append("# Rule ").append(i).append('\n');
      for (int w = 0; w < 4; w++) {
        bulk.append(words[(i * (w + 3) + w * 7) % words.length]).append(' ');
      }
      bulk.append("tariff clause.\n\n");
    }
    return bulk.toString();
  }

  @Test
  void theSyncThatCompletesABatchWritesItToTheGraphAQuestionDoesNot() throws IOException {
    EmbeddedVectorStore store =
        new EmbeddedVectorStore(f.tx, embedder.model(), dir.resolve("vector-index"), 1, 100);
    KnowledgeBase kb = kb(store);
    String doc = f.document(bob, "tariff.md");
    assertTrue(f.ingest(kb, doc, bob, bulk(250)) >= 100);
    // A question catches up but leaves the graph to the background: it finds the rows held back.
    String clause = bulk(250).split("\n\n")[42];
    assertEquals(
        doc, kb.search(bob, clause, 5, KnowledgeBase.Mode.VECTOR).get(0).documentId(), clause);
    assertEquals(0, committedVectorSeq(), "no question builds a graph");
    assertEquals("hnsw", store.sync());
    long maxSeq = f.count("SELECT MAX(seq) FROM chunk_vectors WHERE model = ?", embedder.model());
    assertEquals(maxSeq, committedVectorSeq(), "written by the sync, not left for a quiet moment");
    assertEquals(doc, kb.search(bob, clause, 5, KnowledgeBase.Mode.VECTOR).get(0).documentId());
    store.close();
  }

  /**
   * Ingests committing at once: a reader that follows the table by seq, as the embedded store does,
   * must see every row. Rows get their seq when inserted; had two transactions been able to commit
   * out of seq order, the reader would have moved past the earlier rows for good.
   */
  @Test
  void aReaderFollowingTheTableBySeqMissesNoRowOfConcurrentIngests() throws Exception {
    KnowledgeBase kb = kb(embedded(1_000_000));
    ChunkVectors table = new ChunkVectors();
    AtomicBoolean done = new AtomicBoolean();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      Future<?> reader =
          pool.submit(
              () -> {
                long after = 0;
                boolean last = false;
                while (!last) {
                  last = done.get();
                  long from = after;
                  for (ChunkVectors.Row r :
                      f.tx.run(
                          "select", "chunk_vectors", c -> table.since(c, embedder.model(), from))) {
                    seen.add(r.seq());
                    after = Math.max(after, r.seq());
                  }
                }
                return null;
              });
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 15; i++) {
                    f.ingest(kb, f.document(bob, "n.txt"), bob, bulk(12));
                  }
                  return null;
                }));
      }
      for (Future<?> w : writers) {
        w.get();
      }
      done.set(true);
      reader.get();
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        f.count("SELECT COUNT(*) FROM chunk_vectors WHERE model = ?", embedder.model()),
        seen.size());
  }

  // The highest seq the HNSW index on disk claims to hold (0 before its first commit).
  private long committedVectorSeq() throws IOException {
    try (FSDirectory d = FSDirectory.open(dir.resolve("vector-index").resolve(embedder.model()))) {
      return Long.parseLong(
          SegmentInfos.readLatestCommit(d).getUserData().getOrDefault("seq", "0"));
    } catch (IndexNotFoundException e) {
      return 0;
    }
  }

  @Test
  void reingestingADocumentReplacesWhatBothRankingsSee() {
    KnowledgeBase kb = kb(embedded(1_000));
    String doc = f.document(bob, "note.txt");
    f.ingest(kb, doc, bob, LOANS);
    for (KnowledgeBase.Mode mode : KnowledgeBase.Mode.values()) {
      assertEquals(doc, kb.search(bob, "early repayment loan", 5, mode).get(0).documentId());
    }
    f.ingest(kb, doc, bob, CARDS);
    assertTrue(kb.search(bob, "early repayment", 5, KnowledgeBase.Mode.LEXICAL).isEmpty());
    for (KnowledgeBase.Mode mode : KnowledgeBase.Mode.values()) {
      assertEquals(doc, kb.search(bob, "lost card hotline", 5, mode).get(0).documentId());
    }
  }

  @Test
  void hybridScoresAreFusedRanksInZeroToOne() {
    KnowledgeBase kb = kb(embedded(1_000));
    String[] d = corpus(kb);
    List<Passage> ps = kb.search(bob, "lost card hotline", 5);
    assertEquals(d[1], ps.get(0).documentId());
    assertEquals(1.0, ps.get(0).score(), 1e-9, "first in both rankings");
    for (Passage p : ps) {
      assertTrue(p.score() > 0 && p.score() <= 1, p.toString());
    }
  }

  @Test
  void vectorsArePersistedPerChunkAndRemovedWithTheDocument() {
    EmbeddedVectorStore store = embedded(1_000);
    KnowledgeBase kb = kb(store);
    String[] d = corpus(kb);
    long chunks = f.count("SELECT COUNT(*) FROM document_chunks WHERE document_id = ?", d[1]);
    assertEquals(chunks, f.count("SELECT COUNT(*) FROM chunk_vectors WHERE document_id = ?", d[1]));
    assertEquals(
        1024,
        f.count("SELECT MAX(OCTET_LENGTH(vector)) FROM chunk_vectors WHERE document_id = ?", d[1]),
        "256 float32 values");
    f.remove(kb, d[1]);
    assertEquals(0, f.count("SELECT COUNT(*) FROM chunk_vectors WHERE document_id = ?", d[1]));
    assertTrue(docs(kb.search(bob, "lost card hotline", 5, KnowledgeBase.Mode.VECTOR)).isEmpty());
  }

  @Test
  void theHnswIndexResumesAfterARestartAndIsRebuiltWhenStaleOrMissing() throws Exception {
    String[] d = corpusInAClosedHnswIndex();
    Path index = dir.resolve("vector-index");
    assertTrue(Files.list(index).findAny().isPresent(), "index on disk");

    // Another instance deletes a document behind this one's back: counts disagree, rebuilt.
    f.exec("DELETE FROM chunk_vectors WHERE document_id = ?", d[1]);
    EmbeddedVectorStore reopened = embedded(1);
    KnowledgeBase kb2 = kb(reopened);
    assertFalse(
        docs(kb2.search(bob, "lost card hotline", 5, KnowledgeBase.Mode.VECTOR)).contains(d[1]));
    assertEquals(
        d[2],
        kb2.search(bob, "early repayment loan", 5, KnowledgeBase.Mode.VECTOR).get(0).documentId());
    reopened.close();

    // The index directory removed: rebuilt from the table.
    try (var walk = Files.walk(index)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertEquals(d[0], firstVectorHitOfAReopenedStore(alice, "vault combination Zephyrine"));
  }

  @Test
  void aDamagedHnswIndexIsRebuiltFromTheTable() throws Exception {
    String[] d = corpusInAClosedHnswIndex();
    try (var files = Files.walk(dir.resolve("vector-index"))) {
      for (Path p :
          files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
        Files.write(p, new byte[] {1, 2, 3});
      }
    }
    assertEquals(d[1], firstVectorHitOfAReopenedStore(bob, "lost card hotline"));
  }

  @Test
  void switchingToQdrantLoadsTheStoredVectorsIntoTheNewCollection() throws Exception {
    KnowledgeBase embeddedKb = kb(embedded(1_000));
    String[] d = corpus(embeddedKb);
    long stored = f.count("SELECT COUNT(*) FROM chunk_vectors WHERE model = ?", embedder.model());
    try (FakeQdrant qdrant = new FakeQdrant()) {
      KnowledgeBase kb = kb(qdrantStore(qdrant));
      assertEquals(stored, kb.loadStore());
      assertEquals(stored, qdrant.points("maiis_documents"));
      assertEquals(0, kb.loadStore(), "loaded once");
      assertEquals(
          d[1],
          kb.search(bob, "lost card hotline", 5, KnowledgeBase.Mode.VECTOR).get(0).documentId());
    }
  }

  private static QdrantVectorStore qdrantStore(FakeQdrant qdrant) {
    return new QdrantVectorStore(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
        qdrant.url(),
        "maiis_documents",
        Optional.empty(),
        Duration.ofSeconds(5),
        new ObjectMapper());
  }

  @Test
  void chunksWithoutVectorsAreBackfilled() {
    KnowledgeBase kb = kb(embedded(1_000));
    String[] d = corpus(kb);
    f.exec("DELETE FROM chunk_vectors WHERE document_id = ?", d[2]);
    assertTrue(kb.search(bob, "early repayment loan", 5, KnowledgeBase.Mode.VECTOR).isEmpty());
    assertEquals(
        f.count("SELECT COUNT(*) FROM document_chunks WHERE document_id = ?", d[2]), kb.backfill());
    assertEquals(0, kb.backfill());
    assertEquals(
        f.count("SELECT COUNT(*) FROM document_chunks WHERE document_id = ?", d[2]),
        f.count(
            "SELECT COUNT(*) FROM chunk_vectors WHERE document_id = ? AND sentences IS NOT NULL",
            d[2]),
        "backfilled chunks get their sentence vectors too");
    assertEquals(
        d[2],
        kb.search(bob, "early repayment loan", 5, KnowledgeBase.Mode.VECTOR).get(0).documentId());
  }

  @Test
  void aDownEmbedderFallsBackToBm25ForSearchAndFailsIngestWith503() {
    KnowledgeBase kb = kb(embedded(1_000));
    String[] d = corpus(kb);
    embedder.down = true;
    assertEquals(d[1], kb.search(bob, "lost card hotline", 5).get(0).documentId());
    String doc = f.document(bob, "new.txt");
    // A text this knowledge base never ingested (what it ingested lately is not embedded again).
    String fresh = "Overdraft fees are waived for students during term time.";
    Failure e = assertThrows(Failure.class, () -> f.ingest(kb, doc, bob, fresh));
    assertEquals(Failure.Kind.UNAVAILABLE, e.kind());
    assertEquals(0, f.count("SELECT COUNT(*) FROM document_chunks WHERE document_id = ?", doc));
  }

  @Test
  void throughQdrantTheScopeFilterIsSentAndForeignPointsNeverSurface() throws Exception {
    try (FakeQdrant qdrant = new FakeQdrant()) {
      QdrantVectorStore store = qdrantStore(qdrant);
      KnowledgeBase kb = kb(store);
      String[] d = corpus(kb);
      assertEquals(
          f.count("SELECT COUNT(*) FROM document_chunks WHERE document_id <> ?", "-"),
          qdrant.points("maiis_documents"));
      List<Passage> bobs =
          kb.search(bob, "vault combination Zephyrine branch", 5, KnowledgeBase.Mode.VECTOR);
      assertFalse(docs(bobs).contains(d[0]), bobs.toString());
      assertEquals(
          "[\"" + bob + "\",\"shared\"]",
          qdrant.last("/points/search").firstMatch().path("any").toString());

      // A point that claims Bob's scope for Alice's chunk (a stale or corrupted store): the
      // database's scope check still keeps it out.
      qdrant.put(
          "maiis_documents",
          "00000000-0000-0000-0000-000000000001",
          embedder.embed(SECRET),
          new ObjectMapper()
              .createObjectNode()
              .put("scope", bob)
              .put("document_id", d[0])
              .put("chunk_index", 0));
      bobs = kb.search(bob, "vault combination Zephyrine branch", 5);
      assertFalse(docs(bobs).contains(d[0]), bobs.toString());

      f.remove(kb, d[1]);
      var delete = qdrant.requests.get(qdrant.requests.size() - 1);
      assertTrue(delete.path().endsWith("/points/delete?wait=true"));
      assertEquals(d[1], delete.firstMatch().path("value").asText());

      qdrant.down = true;
      String doc = f.document(bob, "new.txt");
      // A text this knowledge base never ingested (what it ingested lately is not embedded again).
      String fresh = "Overdraft fees are waived for students during term time.";
      Failure e = assertThrows(Failure.class, () -> f.ingest(kb, doc, bob, fresh));
      assertEquals(Failure.Kind.UNAVAILABLE, e.kind());
      assertEquals("vector_store_unavailable", e.code());
      assertEquals(d[2], kb.search(bob, "early repayment loan", 5).get(0).documentId());
    }
  }
}
