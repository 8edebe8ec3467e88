package org.maiis.server.rag.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene HNSW graph on disk for large corpora: a query visits a few thousand vectors instead of all
 * of them. The scope filter runs inside the graph search (Lucene falls back to exact search when
 * the filter is very selective), so a user's results are never cut by other users' chunks. The
 * highest seq written is kept in the commit, so a restart resumes instead of rebuilding.
 *
 * <p>Rows are written to the graph {@code batch} at a time; until then they are searched exactly
 * beside it. An ingest brings a few hundred rows a second, and written as they came each became a
 * small segment whose graph Lucene's merges built again and again: most of the server's Java CPU in
 * a JFR recording of a 100,000-chunk ingest. Rows held back are not in the commit, so after a crash
 * they are read from the table again.
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
   * writer's buffer below is sized so that a batch is not split).
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
  public void add(List<ChunkVectors.Row> rows) throws IOException {
    unwritten.addAll(rows);
    recent.add(rows);
    lastSeq = Math.max(lastSeq, recent.lastSeq());
    if (unwritten.size() >= batch) {
      flush();
    }
  }

  @Override
  public void flush() throws IOException {
    if (unwritten.isEmpty()) {
      return;
    }
    for (ChunkVectors.Row r : unwritten) {
      ChunkVector v = r.vector();
      Document d = new Document();
      d.add(new KnnFloatVectorField("v", v.vector(), VectorSimilarityFunction.DOT_PRODUCT));
      d.add(new StringField("doc", v.documentId(), Field.Store.YES));
      d.add(new StoredField("chunk", v.chunkIndex()));
      d.add(new StringField("scope", v.scope(), Field.Store.NO));
      writer.addDocument(d);
    }
    committedSeq = lastSeq;
    commit();
    unwritten.clear();
    recent.clear();
  }

  @Override
  public void removeDocument(String documentId) throws IOException {
    unwritten.removeIf(r -> r.vector().documentId().equals(documentId));
    recent.removeDocument(documentId);
    writer.deleteDocuments(new Term("doc", documentId));
    commit();
  }

  @Override
  public void clear() throws IOException {
    writer.deleteAll();
    unwritten.clear();
    recent.clear();
    committedSeq = 0;
    lastSeq = 0;
    commit();
  }

  private void commit() throws IOException {
    writer.setLiveCommitData(Map.of(SEQ, Long.toString(committedSeq)).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
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

  @Override
  public void close() throws IOException {
    // Written now, so that a restart does not read them from the table again.
    flush();
    searchers.close();
    writer.close();
    dir.close();
  }
}
