package org.maiis.server.rag.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene HNSW graph on disk for large corpora: a query visits a few thousand vectors instead of all
 * of them. The scope filter runs inside the graph search (Lucene falls back to exact search when
 * the filter is very selective), so a user's results are never cut by other users' chunks. The
 * highest seq written is kept in the commit, so a restart resumes instead of rebuilding.
 *
 * <p>Rows are written to the graph {@code batch} at a time, without the store's lock; until then
 * they are searched exactly beside it. An ingest brings a few hundred rows a second, and written as
 * they came each became a small segment whose graph Lucene's merges built again and again: most of
 * the server's Java CPU in a JFR recording of a 100,000-chunk ingest. Rows held back are not in the
 * commit, so after a crash they are read from the table again.
 */
final class HnswIndex implements LocalIndex {
  // Candidates explored per query: 50 measured 0.94 recall@5 against exact search at 10k chunks
  // of near-duplicate policy text here; 100 costs little more.
  private static final int MIN_CANDIDATES = 100;
  private static final String SEQ = "seq";
  // Lucene's HNSW with a construction beam of 50 instead of 100: building the graph (at every flush
  // and again in merges) was most of the server's Java CPU in a JFR recording of a 100k ingest.
  // 20k chunks, three paired builds: 3.6-4.2 s -> 2.6-3.4 s, recall@5 against exact search 0.986
  // -> 0.983 (docs/BENCHMARKS.md). 16 links per node, as before.
  private static final int MAX_CONN = 16;
  private static final int BEAM_WIDTH = 50;

  /**
   * Rows written at once by default: 10,000 vectors are ~15 MB held back, and a segment each (the
   * writer's buffer below is sized so that a batch is not split). Writing one takes a second or
   * two, during which searches go on.
   */
  static final int WRITE_BATCH = 10_000;

  private static final double WRITER_BUFFER_MB = 64;
  private static final Codec CODEC =
      new Lucene912Codec() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
        }
      };

  private final FSDirectory dir;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final int batch;
  private final List<ChunkVectors.Row> unwritten = new ArrayList<>();
  private final ExactIndex recent = new ExactIndex();
  // Held while the index writer is used. A batch is written holding only this lock, so searches
  // go on meanwhile; a deletion that comes then waits for it.
  private final ReentrantLock writing = new ReentrantLock();
  private Batch pending;
  private boolean closed;
  private long committedSeq;
  private long lastSeq;

  HnswIndex(Path path) throws IOException {
    this(path, WRITE_BATCH);
  }

  /** An index at {@code path} that writes rows to its graph {@code batch} at a time. */
  HnswIndex(Path path, int batch) throws IOException {
    this.batch = batch;
    Files.createDirectories(path);
    this.dir = FSDirectory.open(path);
    this.writer =
        new IndexWriter(
            dir,
            new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(CODEC)
                .setRAMBufferSizeMB(WRITER_BUFFER_MB));
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (e.getKey().equals(SEQ)) {
          committedSeq = Long.parseLong(e.getValue());
          lastSeq = committedSeq;
        }
      }
    }
    this.searchers = new SearcherManager(writer, null);
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public long size() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return s.getIndexReader().numDocs() + unwritten.size();
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public void add(List<ChunkVectors.Row> rows) {
    unwritten.addAll(rows);
    recent.add(rows);
    lastSeq = Math.max(lastSeq, recent.lastSeq());
  }

  /**
   * Rows held back and being written, taken by {@link #takeBatch}. Documents removed meanwhile are
   * left out when it is written. Its state is read and changed with the writing lock held.
   */
  static final class Batch {
    private final List<ChunkVectors.Row> rows;
    private final Set<String> removed = new HashSet<>();
    private boolean written;

    private Batch(List<ChunkVectors.Row> rows) {
      this.rows = rows;
    }
  }

  /**
   * Under the store's write lock: the rows held back, to be written by {@link #write} without it;
   * null when fewer than a batch are held back (any number when {@code all}), or while another
   * batch is on its way.
   */
  Batch takeBatch(boolean all) {
    if (!writing.tryLock()) {
      return null;
    }
    try {
      if (pending != null || unwritten.isEmpty() || (!all && unwritten.size() < batch)) {
        return null;
      }
      pending = new Batch(List.copyOf(unwritten));
      return pending;
    } finally {
      writing.unlock();
    }
  }

  /**
   * Without the store's lock, so that searches go on (they still find the batch's rows among those
   * held back): adds the batch to the graph and commits it. False when it was dropped meanwhile
   * (the index cleared or closed). On failure the rows stay held back for a later batch.
   */
  boolean write(Batch b) throws IOException {
    writing.lock();
    try {
      if (b != pending || closed) {
        return false;
      }
      try {
        for (ChunkVectors.Row r : b.rows) {
          if (!b.removed.contains(r.vector().documentId())) {
            writer.addDocument(document(r.vector()));
          }
        }
        committedSeq = Math.max(committedSeq, b.rows.get(b.rows.size() - 1).seq());
        commitWriter();
      } catch (IOException | RuntimeException e) {
        pending = null;
        throw e;
      }
      b.written = true;
      return true;
    } finally {
      writing.unlock();
    }
  }

  /**
   * Under the store's write lock: searches see the committed batch in the graph, and no longer
   * among the rows held back.
   */
  void publish() throws IOException {
    writing.lock();
    try {
      if (closed) {
        return;
      }
      searchers.maybeRefreshBlocking();
      if (pending != null && pending.written) {
        Set<ChunkVectors.Row> done = Collections.newSetFromMap(new IdentityHashMap<>());
        done.addAll(pending.rows);
        unwritten.removeIf(done::contains);
        recent.clear();
        recent.add(unwritten);
        pending = null;
      }
    } finally {
      writing.unlock();
    }
  }

  private static Document document(ChunkVector v) {
    Document d = new Document();
    d.add(new KnnFloatVectorField("v", v.vector(), VectorSimilarityFunction.DOT_PRODUCT));
    d.add(new StringField("doc", v.documentId(), Field.Store.YES));
    d.add(new StoredField("chunk", v.chunkIndex()));
    d.add(new StringField("scope", v.scope(), Field.Store.NO));
    return d;
  }

  @Override
  public void removeDocument(String documentId) throws IOException {
    // Every upload first removes its document's old vectors; a new document has none, and its
    // upload must neither wait for a batch being written nor commit (under the store's write lock,
    // both held every question up: up to 6 s while a bulk ingest ran).
    if (!holds(documentId)) {
      return;
    }
    writing.lock();
    try {
      unwritten.removeIf(r -> r.vector().documentId().equals(documentId));
      recent.removeDocument(documentId);
      if (pending != null) {
        pending.removed.add(documentId);
      }
      writer.deleteDocuments(new Term("doc", documentId));
      commit();
    } finally {
      writing.unlock();
    }
  }

  // Rows held back (a batch being written among them) or in the graph that searches see.
  private boolean holds(String documentId) throws IOException {
    for (ChunkVectors.Row r : unwritten) {
      if (r.vector().documentId().equals(documentId)) {
        return true;
      }
    }
    IndexSearcher s = searchers.acquire();
    try {
      return s.count(new TermQuery(new Term("doc", documentId))) > 0;
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public void clear() throws IOException {
    writing.lock();
    try {
      writer.deleteAll();
      unwritten.clear();
      recent.clear();
      pending = null;
      committedSeq = 0;
      lastSeq = 0;
      commit();
    } finally {
      writing.unlock();
    }
  }

  // With the writing lock held.
  private void commit() throws IOException {
    commitWriter();
    publish();
  }

  // With the writing lock held: what the writer has, durable, claiming rows up to committedSeq.
  private void commitWriter() throws IOException {
    writer.setLiveCommitData(Map.of(SEQ, Long.toString(committedSeq)).entrySet());
    writer.commit();
  }

  @Override
  public List<VectorHit> search(float[] query, Set<String> scopes, int k) throws IOException {
    List<BytesRef> terms = scopes.stream().map(BytesRef::new).toList();
    KnnFloatVectorQuery q =
        new KnnFloatVectorQuery(
            "v", query, Math.max(k, MIN_CANDIDATES), new TermInSetQuery("scope", terms));
    IndexSearcher s = searchers.acquire();
    try {
      ScoreDoc[] docs = s.search(q, k).scoreDocs;
      StoredFields stored = s.storedFields();
      List<VectorHit> out = new ArrayList<>(recent.search(query, scopes, k));
      for (ScoreDoc sd : docs) {
        Document d = stored.document(sd.doc);
        // DOT_PRODUCT scores are (1 + cosine) / 2.
        out.add(
            new VectorHit(
                d.get("doc"), d.getField("chunk").numericValue().intValue(), 2.0 * sd.score - 1));
      }
      out.sort(ExactIndex.NEAREST_FIRST);
      return out.size() > k ? List.copyOf(out.subList(0, k)) : out;
    } finally {
      searchers.release(s);
    }
  }

  // Lucene closes its writer after a failed write (a full disk); so does close().
  @Override
  public boolean broken() {
    return !writer.isOpen();
  }

  @Override
  public void close() throws IOException {
    writing.lock();
    try {
      if (closed) {
        return;
      }
      if (!writer.isOpen()) {
        // Nothing can be written after a failed write: the rows held back are read from the table
        // again by the next index opened here.
        closed = true;
        searchers.close();
        dir.close();
        return;
      }
      try {
        // Written now, so that a restart does not read them from the table again.
        publish();
        pending = null;
        for (ChunkVectors.Row r : unwritten) {
          writer.addDocument(document(r.vector()));
        }
        committedSeq = lastSeq;
        commitWriter();
      } finally {
        closed = true;
        searchers.close();
        writer.close();
        dir.close();
      }
    } finally {
      writing.unlock();
    }
  }
}
