package org.maiis.server.rag.index;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.store.AlreadyClosedException;
import org.maiis.server.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BM25 search over a {@link LexicalIndex} that is kept a cache of {@code document_chunks}: before
 * each search, the change log is read above the index's watermark (one indexed range read, empty
 * unless a document changed) and only the documents it names are re-read. So a document ingested or
 * deleted through any instance sharing the database is searchable, or gone, at this instance's next
 * search, and no question reads the chunk table.
 *
 * <p>Why a cache of the database rather than PostgreSQL's full-text search: one code path for the
 * embedded H2 and PostgreSQL, Lucene's English analyzer and BM25 on both, and a search that costs
 * the database one index probe instead of a ranked scan of the user's chunks.
 *
 * <p>The first sync checks the index against the table: an index ahead of the log (another
 * database, a restored backup) or holding another number of chunks (files lost, a copy from
 * elsewhere) is emptied and rebuilt from the log.
 */
public final class LexicalSearch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LexicalSearch.class);
  // Documents re-read per step of a sync: bounds a step's memory during a rebuild.
  private static final int BATCH = 200;

  private final Transactions tx;
  private volatile LexicalIndex index;
  private final String model;
  private final KbChanges log = new KbChanges();
  private final Object syncing = new Object();
  private volatile boolean checked;
  // Shut down: an index closed by then is not opened again.
  private volatile boolean closed;

  /**
   * Search over {@code index}, brought up to date from {@code tx}'s database, with the sentence
   * vectors of {@code model}.
   */
  public LexicalSearch(Transactions tx, LexicalIndex index, String model) {
    this.tx = tx;
    this.index = index;
    this.model = model;
  }

  /**
   * The {@code k} best chunks for {@code query} within {@code scopes}, after applying the changes
   * committed since the last sync.
   */
  public List<LexicalIndex.Hit> search(String query, Collection<String> scopes, int k)
      throws IOException {
    // The usual case costs one primary-key read and no lock: nothing committed since the last sync.
    if (!checked
        || index.broken()
        || tx.run("select", "kb_changes", log::current) != index.watermark()) {
      sync();
    }
    return onCurrent(i -> i.search(query, scopes, k));
  }

  private interface IndexCall<T> {
    T on(LexicalIndex index) throws IOException;
  }

  // A search that started on an index reopened meanwhile asks the new one.
  private <T> T onCurrent(IndexCall<T> call) throws IOException {
    try {
      return call.on(index);
    } catch (AlreadyClosedException e) {
      try {
        return call.on(index);
      } catch (AlreadyClosedException again) {
        throw new IOException("the lexical index is being reopened", again);
      }
    }
  }

  /**
   * The chunks whose sentences are nearest to {@code query} (a unit vector of the model), one hit
   * per chunk, from the {@code k} nearest sentences within {@code scopes}; up to date as {@link
   * #search} leaves the index (call that first).
   */
  public List<LexicalIndex.Hit> nearestSentences(float[] query, Collection<String> scopes, int k)
      throws IOException {
    return onCurrent(i -> i.nearestSentences(query, scopes, k));
  }

  /**
   * Applies the changes committed since the last sync (all of the table on the first sync of an
   * empty or stale index).
   *
   * @return the number of documents re-read
   */
  public int sync() throws IOException {
    synchronized (syncing) {
      if (index.broken() && !closed) {
        // Lucene stops writing after a failed write (a full disk): once it can write again, the
        // index opens afresh from its last commit and the log replays the rest, without a restart.
        LOG.warn("the lexical index stopped after a failed write; opening it again");
        index = index.reopened();
        checked = false;
      }
      if (!checked) {
        long generation = tx.run("select", "kb_changes", log::current);
        if (index.watermark() > generation) {
          LOG.warn("the lexical index is ahead of the database's change log; rebuilding it");
          index.clear();
        }
        int n = catchUp();
        long rows = tx.run("select", "document_chunks", LexicalSearch::chunkCount);
        if (index.size() != rows) {
          LOG.warn(
              "the lexical index holds {} chunks, the table {}; rebuilding it", index.size(), rows);
          index.clear();
          n = catchUp();
        }
        checked = true;
        return n;
      }
      return catchUp();
    }
  }

  private int catchUp() throws IOException {
    int reread = 0;
    while (true) {
      long after = index.watermark();
      List<KbChanges.Change> changes =
          tx.run("select", "kb_changes", c -> log.since(c, after, BATCH));
      if (changes.isEmpty()) {
        return reread;
      }
      Set<String> ids = new LinkedHashSet<>();
      changes.forEach(ch -> ids.add(ch.documentId()));
      // Read after the log: the chunks are at least as new as the generation recorded with them.
      List<LexicalIndex.Chunk> chunks =
          tx.run("select", "document_chunks", c -> chunksOf(c, model, ids));
      index.apply(ids, chunks, changes.get(changes.size() - 1).generation());
      reread += ids.size();
    }
  }

  /** Makes the applied changes durable (an fsync; called off the request path). */
  public void commit() throws IOException {
    index.commit();
  }

  /** Chunks indexed. */
  public long size() throws IOException {
    return index.size();
  }

  private static long chunkCount(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM document_chunks");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<LexicalIndex.Chunk> chunksOf(
      Connection c, String model, Collection<String> ids) throws SQLException {
    String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ch.document_id, ch.chunk_index, ch.scope, ch.content, v.sentences, v.dims"
                + " FROM document_chunks ch LEFT JOIN chunk_vectors v"
                + " ON v.document_id = ch.document_id AND v.chunk_index = ch.chunk_index"
                + " AND v.model = ? WHERE ch.document_id IN ("
                + marks
                + ")")) {
      ps.setString(1, model);
      int i = 2;
      for (String id : ids) {
        ps.setString(i++, id);
      }
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        List<LexicalIndex.Chunk> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new LexicalIndex.Chunk(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getBytes(5),
                  rs.getInt(6)));
        }
        return out;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (syncing) {
      index.close();
    }
  }
}
