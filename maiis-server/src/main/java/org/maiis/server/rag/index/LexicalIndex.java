package org.maiis.server.rag.index;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base's BM25 index (Lucene, k1 = 1.2, b = 0.75) with English analysis: Porter
 * stemming and stop words, so "charged" meets "charges". One Lucene document per chunk with its
 * document id, chunk index and scope; a question is ranked within the caller's scopes only (a
 * filter inside the search, so other users' chunks never take a place in the top).
 *
 * <p>Beside each chunk, one Lucene document per sentence holds that sentence's int8 vector and its
 * sign bits ({@link SentenceVectors}; compared by cosine, so the per-vector scale of the stored
 * form does not matter): a paraphrase finds the one sentence that says it, where the chunk's vector
 * averages it with its neighbours.
 *
 * <p>A cache of the database, never the record: {@link LexicalSearch} applies the change log to it
 * and {@link #watermark()} says up to which generation. Changes are searchable at once (a
 * near-real-time reader, no fsync) and made durable by {@link #commit()} off the request path with
 * the watermark in the commit, so after a crash the log is replayed from the last commit (replaying
 * a change is harmless: it re-reads the document).
 */
public final class LexicalIndex implements AutoCloseable {
  /**
   * A chunk to index.
   *
   * @param documentId its document
   * @param chunkIndex its position in the document
   * @param scope owner's user id or shared
   * @param content its text
   * @param sentences its sentences' vectors ({@link ChunkVectors#packSentences}), null when none
   * @param dims their dimensions
   */
  public record Chunk(
      String documentId,
      int chunkIndex,
      String scope,
      String content,
      byte[] sentences,
      int dims) {}

  /** A ranked chunk: its document, its position there, its score (BM25, or a cosine). */
  public record Hit(String documentId, int chunkIndex, double score) {}

  private static final Logger LOG = LoggerFactory.getLogger(LexicalIndex.class);
  // A question is bounded by the chat's size limit; Lucene refuses more than 1,024 clauses.
  private static final int MAX_QUERY_TERMS = 256;
  private static final String DOC = "doc";
  private static final String CHUNK = "chunk";
  private static final String SCOPE = "scope";
  private static final String TEXT = "text";
  private static final String WATERMARK = "generation";
  // How sentence vectors are stored; an index written another way is emptied at open and refilled
  // from the change log. 3: doc values of the chunk's document (2: a document per sentence; 1: an
  // HNSW vector field).
  private static final String FORMAT = "format";
  private static final String CURRENT_FORMAT = "3";

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final Directory dir;
  // Where the index lives on disk, to open it again after a failed write; null in memory.
  private final Path path;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Object writes = new Object();
  private volatile long watermark;
  private long committed;

  private LexicalIndex(Directory dir, Path path) throws IOException {
    this.dir = dir;
    this.path = path;
    IndexWriter w =
        new IndexWriter(
            dir,
            new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    try {
      this.searchers = new SearcherManager(w, null);
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
    this.writer = w;
    Iterable<Map.Entry<String, String>> data = w.getLiveCommitData();
    String format = null;
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (e.getKey().equals(WATERMARK)) {
          watermark = Long.parseLong(e.getValue());
        } else if (e.getKey().equals(FORMAT)) {
          format = e.getValue();
        }
      }
    }
    if (w.getDocStats().maxDoc > 0 && !CURRENT_FORMAT.equals(format)) {
      LOG.warn("the lexical index was written by an older version; rebuilding it");
      w.deleteAll();
      searchers.maybeRefreshBlocking();
      watermark = 0;
    }
    committed = watermark;
  }

  /**
   * The index under {@code path}, created when absent. An unreadable one (damaged, files missing,
   * another Lucene format) is deleted and started afresh: it is only a copy of the table, and the
   * change log refills it.
   *
   * @throws UncheckedIOException when the directory cannot be used at all (permissions, locked by
   *     another process)
   */
  public static LexicalIndex open(Path path) {
    try {
      Files.createDirectories(path);
      try {
        return new LexicalIndex(FSDirectory.open(path), path);
      } catch (CorruptIndexException
          | IndexFormatTooOldException
          | IndexFormatTooNewException
          | NoSuchFileException
          | EOFException e) {
        LOG.warn("the lexical index under {} is unreadable; rebuilding it", path);
        try (Stream<Path> files = Files.walk(path)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            if (!p.equals(path)) {
              Files.deleteIfExists(p);
            }
          }
        }
        return new LexicalIndex(FSDirectory.open(path), path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the lexical index under " + path, e);
    }
  }

  /** An index in memory (tests and tools): filled from the change log at first use. */
  public static LexicalIndex inMemory() {
    try {
      return new LexicalIndex(new ByteBuffersDirectory(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether its writer is closed: Lucene closes it after a failed write (a full disk), and so does
   * {@link #close}. Nothing more is written.
   */
  public boolean broken() {
    return !writer.isOpen();
  }

  /**
   * This index, closed, opened again from its last commit (its watermark then says what the change
   * log must replay).
   *
   * @throws IOException when it cannot be opened yet (the disk is still full)
   */
  public LexicalIndex reopened() throws IOException {
    close();
    if (path == null) {
      throw new IOException("the lexical index in memory stopped after a failed write");
    }
    try {
      return open(path);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The generation of the change log this index holds every change up to (0: none). */
  public long watermark() {
    return watermark;
  }

  /**
   * Replaces the chunks of {@code documentIds} with {@code chunks} (none: the documents are gone),
   * searchable on return, and records that the index now holds every change up to {@code
   * generation}. Not yet durable: see {@link #commit()}.
   */
  public void apply(Collection<String> documentIds, List<Chunk> chunks, long generation)
      throws IOException {
    synchronized (writes) {
      try {
        for (String id : documentIds) {
          writer.deleteDocuments(new Term(DOC, id));
        }
        for (Chunk c : chunks) {
          Document d = key(c);
          d.add(new TextField(TEXT, c.content(), Field.Store.NO));
          SentenceVectors.addTo(d, c.sentences(), c.dims());
          writer.addDocument(d);
        }
        searchers.maybeRefreshBlocking();
        watermark = generation;
      } catch (AlreadyClosedException e) {
        throw closed(e);
      }
    }
  }

  private static Document key(Chunk c) {
    Document d = new Document();
    d.add(new StringField(DOC, c.documentId(), Field.Store.YES));
    d.add(new StoredField(CHUNK, c.chunkIndex()));
    d.add(new StringField(SCOPE, c.scope(), Field.Store.NO));
    return d;
  }

  /** Drops everything (before a rebuild from the table). */
  public void clear() throws IOException {
    synchronized (writes) {
      try {
        writer.deleteAll();
        searchers.maybeRefreshBlocking();
        watermark = 0;
      } catch (AlreadyClosedException e) {
        throw closed(e);
      }
    }
  }

  /**
   * Makes what {@link #apply} added durable, with its watermark, when anything changed since the
   * last commit (an fsync: run it off the request path).
   */
  public void commit() throws IOException {
    long at;
    synchronized (writes) {
      at = watermark;
      if (at == committed) {
        return;
      }
      // Changes applied after this point may ride along in the commit: with an older watermark,
      // which only means they are replayed after a crash.
      writer.setLiveCommitData(
          Map.of(WATERMARK, Long.toString(at), FORMAT, CURRENT_FORMAT).entrySet());
    }
    try {
      writer.commit();
    } catch (AlreadyClosedException e) {
      throw closed(e);
    }
    synchronized (writes) {
      committed = at;
    }
  }

  // Lucene closes its writer after a failed write (disk full): callers see an I/O failure (503),
  // and the next start replays the change log from the last commit.
  private static IOException closed(AlreadyClosedException e) {
    return new IOException("the lexical index stopped after an earlier write failure", e);
  }

  /**
   * The {@code k} best chunks for {@code query} within {@code scopes}, best first; ties by document
   * and chunk. Empty when the query has no searchable term (only stop words or punctuation).
   */
  public List<Hit> search(String query, Collection<String> scopes, int k) throws IOException {
    Set<String> terms = terms(query);
    if (terms.isEmpty() || k <= 0 || scopes.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    terms.forEach(t -> q.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD));
    q.add(
        new TermInSetQuery(SCOPE, scopes.stream().map(BytesRef::new).toList()),
        BooleanClause.Occur.FILTER);
    q.setMinimumNumberShouldMatch(1);
    IndexSearcher s = searchers.acquire();
    try {
      ScoreDoc[] docs = s.search(q.build(), k).scoreDocs;
      StoredFields stored = s.storedFields();
      List<Hit> out = new ArrayList<>(docs.length);
      for (ScoreDoc sd : docs) {
        Document d = stored.document(sd.doc, Set.of(DOC, CHUNK));
        out.add(new Hit(d.get(DOC), d.getField(CHUNK).numericValue().intValue(), sd.score));
      }
      out.sort(
          Comparator.comparingDouble(Hit::score)
              .reversed()
              .thenComparing(Hit::documentId)
              .thenComparingInt(Hit::chunkIndex));
      return out;
    } finally {
      searchers.release(s);
    }
  }

  private Set<String> terms(String text) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && out.size() < MAX_QUERY_TERMS) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  /**
   * The chunks whose sentences are nearest to the unit vector {@code query} within {@code scopes},
   * best first, one hit per chunk (its best sentence; score = cosine), from {@code k} sentences.
   */
  public List<Hit> nearestSentences(float[] query, Collection<String> scopes, int k)
      throws IOException {
    byte[] q = SentenceVectors.int8(query);
    if (q == null || scopes.isEmpty()) {
      return List.of();
    }
    Query filter = new TermInSetQuery(SCOPE, scopes.stream().map(BytesRef::new).toList());
    IndexSearcher s = searchers.acquire();
    try {
      StoredFields stored = s.storedFields();
      Map<String, Hit> best = new LinkedHashMap<>();
      for (SentenceVectors.Scored sd : SentenceVectors.nearest(s, q, k, filter)) {
        Document d = stored.document(sd.doc(), Set.of(DOC, CHUNK));
        Hit h = new Hit(d.get(DOC), d.getField(CHUNK).numericValue().intValue(), sd.cosine());
        best.putIfAbsent(h.documentId() + '#' + h.chunkIndex(), h);
      }
      return new ArrayList<>(best.values());
    } finally {
      searchers.release(s);
    }
  }

  /** Chunks indexed. */
  public long size() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return s.count(new FieldExistsQuery(TEXT));
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public void close() {
    // Each step on its own: a writer that failed must not keep the directory (and its lock) open.
    // What is not committed, the next start replays from the change log.
    for (Closing step :
        List.<Closing>of(this::commit, searchers::close, writer::close, dir::close)) {
      try {
        step.run();
      } catch (IOException | AlreadyClosedException e) {
        LOG.warn("could not close the lexical index: {}", e.getMessage());
      }
    }
  }

  private interface Closing {
    void run() throws IOException;
  }
}
