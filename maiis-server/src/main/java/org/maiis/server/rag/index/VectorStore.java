package org.maiis.server.rag.index;

import java.util.Collection;
import java.util.List;

/**
 * Where chunk vectors are searched. The database's {@code chunk_vectors} table is the record; a
 * store is either derived from it (embedded) or a remote copy (Qdrant).
 */
public interface VectorStore {
  /** The backend, as the {@code provider} label of {@code vector_search_duration_seconds}. */
  String backend();

  /** Adds or replaces these vectors (already in the database, maybe not yet committed). */
  void upsert(List<ChunkVector> vectors);

  /** Forgets every vector of {@code documentId}. */
  void removeDocument(String documentId);

  /** The {@code k} nearest chunks to the unit vector {@code query} within {@code scopes}. */
  List<VectorHit> search(float[] query, Collection<String> scopes, int k);

  /**
   * Whether the store holds no vectors while it should be a copy of the table (a new Qdrant
   * collection): the knowledge base then loads it from {@code chunk_vectors}. Derived stores answer
   * false: they sync themselves.
   */
  default boolean needsLoading() {
    return false;
  }

  /**
   * Brings a store derived from the table up to date (called in the background, so a question after
   * a large ingest does not pay for indexing it); a remote copy has nothing to do.
   */
  default void maintain() {}

  /** Throws when the store cannot serve (readiness). */
  void check() throws Exception;

  /** Releases files and connections. */
  default void close() {}
}
