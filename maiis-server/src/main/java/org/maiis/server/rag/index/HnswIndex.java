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
 * highest seq indexed is kept in the commit, so a restart resumes instead of rebuilding.
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
  private long lastSeq;

  HnswIndex(Path path) throws IOException {
    Files.createDirectories(path);
    this.dir = FSDirectory.open(path);
    this.writer =
        new IndexWriter(
            dir,
            new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(CODEC));
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (e.getKey().equals(SEQ)) {
          lastSeq = Long.parseLong(e.getValue());
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
      return s.getIndexReader().numDocs();
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public void add(List<ChunkVectors.Row> rows) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    for (ChunkVectors.Row r : rows) {
      ChunkVector v = r.vector();
      Document d = new Document();
      d.add(new KnnFloatVectorField("v", v.vector(), VectorSimilarityFunction.DOT_PRODUCT));
      d.add(new StringField("doc", v.documentId(), Field.Store.YES));
      d.add(new StoredField("chunk", v.chunkIndex()));
      d.add(new StringField("scope", v.scope(), Field.Store.NO));
      writer.addDocument(d);
      lastSeq = Math.max(lastSeq, r.seq());
    }
    commit();
  }

  @Override
  public void removeDocument(String documentId) throws IOException {
    writer.deleteDocuments(new Term("doc", documentId));
    commit();
  }

  @Override
  public void clear() throws IOException {
    writer.deleteAll();
    lastSeq = 0;
    commit();
  }

  private void commit() throws IOException {
    writer.setLiveCommitData(Map.of(SEQ, Long.toString(lastSeq)).entrySet());
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
      List<VectorHit> out = new ArrayList<>(docs.length);
      for (ScoreDoc sd : docs) {
        Document d = stored.document(sd.doc);
        // DOT_PRODUCT scores are (1 + cosine) / 2.
        out.add(
            new VectorHit(
                d.get("doc"), d.getField("chunk").numericValue().intValue(), 2.0 * sd.score - 1));
      }
      return out;
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    dir.close();
  }
}
