package org.maiis.server.rag.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.store.AlreadyClosedException;
import org.maiis.server.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default vector store, with no service to run: the vectors live in the database's {@code
 * chunk_vectors} table, and each search first brings an in-process index up to date with it (new
 * rows by seq; a full rebuild when the counts disagree, e.g. after another instance deleted a
 * document or a rolled-back ingest). Below {@code hnswThreshold} vectors the index is exact brute
 * force in memory; from it on, a Lucene HNSW graph under {@code dir}, kept across restarts.
 */
public final class EmbeddedVectorStore implements VectorStore {
  /** Vectors from which the HNSW graph replaces exact search (exact takes ~7 ms at 10k). */
  public static final int DEFAULT_HNSW_THRESHOLD = 20_000;

  /**
   * Vectors read from the table at once by {@link #sync()}: all of them at 100,000 chunks (150 MB
   * of float arrays) drove a 256 MB heap into back-to-back full collections.
   */
  public static final int PAGE = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedVectorStore.class);
  private final Transactions tx;
  private final ChunkVectors table = new ChunkVectors();
  private final String model;
  private final Path dir;
  private final int hnswThreshold;
  private final int writeBatch;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private LocalIndex index = new ExactIndex();
  private volatile long seqAtLastMaintenance = -1;
  // Shut down: an index closed by then is not opened again.
  private volatile boolean closed;

  /**
   * A store over {@code model}'s vectors.
   *
   * @param dir where the HNSW index is kept
   * @param hnswThreshold vector count from which HNSW is used
   */
  public EmbeddedVectorStore(Transactions tx, String model, Path dir, int hnswThreshold) {
    this(tx, model, dir, hnswThreshold, HnswIndex.WRITE_BATCH);
  }

  /**
   * A store whose HNSW index writes vectors to its graph {@code writeBatch} at a time (tests).
   *
   * @param dir where the HNSW index is kept
   * @param hnswThreshold vector count from which HNSW is used
   */
  public EmbeddedVectorStore(
      Transactions tx, String model, Path dir, int hnswThreshold, int writeBatch) {
    this.tx = tx;
    this.model = model;
    this.dir = dir;
    this.hnswThreshold = hnswThreshold;
    this.writeBatch = writeBatch;
  }

  @Override
  public String backend() {
    lock.readLock().lock();
    try {
      return index instanceof HnswIndex ? "hnsw" : "exact";
    } finally {
      lock.readLock().unlock();
    }
  }

  // The table is the record: the next search picks new rows up by seq.
  @Override
  public void upsert(List<ChunkVector> vectors) {}

  @Override
  public void removeDocument(String documentId) {
    lock.writeLock().lock();
    try {
      index.removeDocument(documentId);
    } catch (IOException | AlreadyClosedException e) {
      throw failed(e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<VectorHit> search(float[] query, Collection<String> scopes, int k) {
    // Catches up without writing a batch to the graph: that takes seconds, and is the background
    // maintenance's to do (a question that did it waited 2.4-5.4 s in a 100k ingest).
    sync(false);
    Set<String> within = new LinkedHashSet<>(scopes);
    lock.readLock().lock();
    try {
      return index.search(query, within, k);
    } catch (IOException | AlreadyClosedException e) {
      throw failed(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Brings the index up to date with the table, {@link #PAGE} vectors at a time (the write lock is
   * released between pages, so searches go on meanwhile), writing each full batch of the HNSW index
   * to its graph; returns the backend now serving.
   */
  public String sync() {
    return sync(true);
  }

  private String sync(boolean writeBatches) {
    reopenIfBroken();
    ChunkVectors.Fingerprint fp =
        tx.run("select", "chunk_vectors", c -> table.fingerprint(c, model));
    boolean hnsw = fp.count() >= hnswThreshold;
    boolean current;
    lock.readLock().lock();
    try {
      current =
          hnsw == (index instanceof HnswIndex)
              && index.size() == fp.count()
              && index.lastSeq() == fp.maxSeq();
    } catch (IOException | AlreadyClosedException e) {
      throw failed(e);
    } finally {
      lock.readLock().unlock();
    }
    // Rows added make a full batch to write now and then: between pages, and before returning.
    boolean added = false;
    String backend = current ? (hnsw ? "hnsw" : "exact") : null;
    while (backend == null) {
      if (added && writeBatches) {
        writeHeldBack(false);
        added = false;
      }
      lock.writeLock().lock();
      try {
        if (hnsw != (index instanceof HnswIndex)) {
          index.close();
          index = hnsw ? openHnsw(dir.resolve(safe(model)), writeBatch) : new ExactIndex();
        }
        if (index.size() == fp.count() && index.lastSeq() == fp.maxSeq()) {
          backend = backend();
          break;
        }
        long after = index.lastSeq();
        if (fp.maxSeq() > after) {
          List<ChunkVectors.Row> page =
              tx.run("select", "chunk_vectors", c -> table.since(c, model, after, PAGE));
          index.add(page);
          added = true;
          if (page.size() == PAGE) {
            continue;
          }
        }
        ChunkVectors.Fingerprint now =
            tx.run("select", "chunk_vectors", c -> table.fingerprint(c, model));
        if (now.maxSeq() > index.lastSeq()) {
          // Rows committed meanwhile (an ingest going on): read them next, rebuild nothing.
          fp = now;
          continue;
        }
        if (index.size() != now.count() || index.lastSeq() != now.maxSeq()) {
          // Rows went missing (a document deleted elsewhere, a rolled-back ingest): refilled from
          // seq 0, page by page on the next rounds.
          index.clear();
          fp = now;
          continue;
        }
        backend = backend();
      } catch (IOException | AlreadyClosedException e) {
        throw failed(e);
      } finally {
        lock.writeLock().unlock();
      }
    }
    if (writeBatches) {
      // Also when a question caught up meanwhile and left a full batch behind.
      writeHeldBack(false);
    }
    return backend;
  }

  // After a failed write (a full disk) the HNSW index writes nothing more and holds every new row
  // back in memory: once it can be opened again, it resumes from its last commit and the rows
  // after that are read from the table, without a restart.
  private void reopenIfBroken() {
    lock.readLock().lock();
    try {
      if (closed || !index.broken()) {
        return;
      }
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      if (!closed && index.broken()) {
        LOG.warn("the vector index stopped after a failed write; opening it again");
        index.close();
        index = openHnsw(dir.resolve(safe(model)), writeBatch);
      }
    } catch (IOException | AlreadyClosedException e) {
      throw failed(e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@link #sync()}, and once the table has not grown since the previous call (the background
   * maintenance calls every second), the rows the HNSW index holds back are written: the end of an
   * ingest reaches the graph a second or two after it.
   */
  @Override
  public void maintain() {
    sync();
    long seq;
    lock.readLock().lock();
    try {
      seq = index.lastSeq();
    } finally {
      lock.readLock().unlock();
    }
    if (seq == seqAtLastMaintenance) {
      writeHeldBack(true);
    }
    seqAtLastMaintenance = seq;
  }

  /**
   * Writes the rows the HNSW index holds back (a full batch, or {@code all} of them) while searches
   * go on: taken under the write lock, added to the graph and committed without the store's lock
   * (searches still find them among the held-back rows), then shown in the graph under the write
   * lock again.
   */
  private void writeHeldBack(boolean all) {
    HnswIndex target;
    HnswIndex.Batch batch;
    lock.writeLock().lock();
    try {
      if (!(index instanceof HnswIndex h) || (batch = h.takeBatch(all)) == null) {
        return;
      }
      target = h;
    } finally {
      lock.writeLock().unlock();
    }
    try {
      if (!target.write(batch)) {
        return;
      }
    } catch (IOException | AlreadyClosedException e) {
      throw failed(e);
    }
    lock.writeLock().lock();
    try {
      if (index == target) {
        target.publish();
      }
    } catch (IOException | AlreadyClosedException e) {
      throw failed(e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void check() {
    // In process: up whenever the database is.
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      index.close();
    } catch (IOException | AlreadyClosedException e) {
      // Shutting down: the index is rebuilt from the table if it was left inconsistent.
      LOG.warn("could not close the vector index: {}", e.getMessage());
    } finally {
      lock.writeLock().unlock();
    }
  }

  // A damaged or foreign-format index is only a cache of the table: start it afresh.
  private static HnswIndex openHnsw(Path path, int writeBatch) throws IOException {
    try {
      return new HnswIndex(path, writeBatch);
    } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
      LOG.warn("the vector index under {} is unreadable; rebuilding it", path);
      try (Stream<Path> files = Files.walk(path)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      return new HnswIndex(path, writeBatch);
    }
  }

  // An unreadable or locked index directory: search falls back to BM25, ingest answers 503.
  private static VectorStoreException failed(Exception e) {
    return new VectorStoreException(
        "embedded vector index failed: " + e.getClass().getSimpleName());
  }

  private static String safe(String model) {
    return model.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
