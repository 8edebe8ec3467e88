package org.maiis.server.rag.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** An in-process copy of {@code chunk_vectors} for one model, searched by the embedded store. */
interface LocalIndex extends Closeable {
  /** Highest seq added, 0 when empty. */
  long lastSeq();

  /** Vectors held. */
  long size() throws IOException;

  /** Adds rows (in seq order). */
  void add(List<ChunkVectors.Row> rows) throws IOException;

  /** Drops every vector of {@code documentId}. */
  void removeDocument(String documentId) throws IOException;

  /** Drops everything. */
  void clear() throws IOException;

  /** The {@code k} nearest within {@code scopes}, nearest first. */
  List<VectorHit> search(float[] query, Set<String> scopes, int k) throws IOException;

  /**
   * Whether it writes nothing more: after a failed write (a full disk), or once closed. Opened
   * again, it resumes from what it last committed.
   */
  default boolean broken() {
    return false;
  }

  /** Releases memory and files (an on-disk index stays on disk). */
  @Override
  void close() throws IOException;
}
