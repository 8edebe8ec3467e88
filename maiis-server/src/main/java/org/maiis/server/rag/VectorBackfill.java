package org.maiis.server.rag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.maiis.server.db.Transactions;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.index.ChunkVector;
import org.maiis.server.rag.index.ChunkVectors;
import org.maiis.server.rag.index.KbChanges;
import org.maiis.server.rag.index.VectorStore;

/** Fills in vectors the knowledge base lacks: chunks without one, a vector store that is empty. */
final class VectorBackfill {
  private final Transactions tx;
  private final Embedder embedder;
  private final VectorStore store;
  private final ChunkVectors vectors = new ChunkVectors();
  private final KbChanges changes = new KbChanges();

  VectorBackfill(Transactions tx, Embedder embedder, VectorStore store) {
    this.tx = tx;
    this.embedder = embedder;
    this.store = store;
  }

  /**
   * Embeds the chunks that have no vector of the current model (chunks ingested before vectors
   * existed, or under another model), in batches.
   *
   * @return the number of chunks embedded
   */
  int backfill() {
    int done = 0;
    while (true) {
      List<Unembedded> missing =
          tx.run("select", "document_chunks", c -> withoutVectors(c, embedder.model()));
      if (missing.isEmpty()) {
        return done;
      }
      // As an ingest embeds them, sentences included.
      Embeddings.Chunks embedded =
          Embeddings.chunks(embedder, missing.stream().map(Unembedded::content).toList());
      List<ChunkVector> rows = new ArrayList<>();
      for (int i = 0; i < missing.size(); i++) {
        Unembedded u = missing.get(i);
        rows.add(
            new ChunkVector(u.documentId(), u.chunkIndex(), u.scope(), embedded.vectors().get(i)));
      }
      tx.inTransaction(
          "chunk_vectors",
          c -> {
            changes.lock(c);
            vectors.insert(c, embedder.model(), rows, embedded.sentences());
            // The lexical index re-reads these documents and gains their sentence vectors.
            for (String documentId :
                new LinkedHashSet<>(missing.stream().map(Unembedded::documentId).toList())) {
              changes.record(c, documentId);
            }
            return null;
          });
      store.upsert(rows);
      done += rows.size();
    }
  }

  /**
   * Copies every stored vector of the current model into a vector store that starts empty (a new
   * Qdrant collection, e.g. after switching from the embedded store), in pages.
   *
   * @return the number of vectors copied
   */
  int loadStore() {
    if (!store.needsLoading()) {
      return 0;
    }
    int copied = 0;
    long after = 0;
    while (true) {
      long from = after;
      List<ChunkVectors.Row> rows =
          tx.run("select", "chunk_vectors", c -> vectors.since(c, embedder.model(), from, 500));
      if (rows.isEmpty()) {
        return copied;
      }
      store.upsert(rows.stream().map(ChunkVectors.Row::vector).toList());
      copied += rows.size();
      after = rows.get(rows.size() - 1).seq();
    }
  }

  private record Unembedded(String documentId, int chunkIndex, String scope, String content) {}

  private static List<Unembedded> withoutVectors(Connection c, String model) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ch.document_id, ch.scope, ch.chunk_index, ch.content FROM document_chunks ch"
                + " LEFT JOIN chunk_vectors v ON v.document_id = ch.document_id"
                + " AND v.chunk_index = ch.chunk_index AND v.model = ?"
                + " WHERE v.seq IS NULL ORDER BY ch.document_id, ch.chunk_index")) {
      ps.setString(1, model);
      ps.setMaxRows(Embeddings.BATCH * 8);
      try (ResultSet rs = ps.executeQuery()) {
        List<Unembedded> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new Unembedded(rs.getString(1), rs.getInt(3), rs.getString(2), rs.getString(4)));
        }
        return out;
      }
    }
  }
}
