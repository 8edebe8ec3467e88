package org.maiis.server.rag;

import java.util.List;

/**
 * A retrieved chunk.
 *
 * @param documentId the document it belongs to
 * @param filename the document's original filename (display only)
 * @param chunkIndex its position in the document, from 0
 * @param content the chunk's text
 * @param score its retrieval score: fused rank score in (0, 1] for hybrid search (1 = first in both
 *     rankings), the BM25 score for lexical search
 * @param sentenceVectors one vector per sentence of {@link ExtractiveAnswer#split} of the content,
 *     stored at ingest; empty when none were stored (its sentences are embedded when quoted)
 */
public record Passage(
    String documentId,
    String filename,
    int chunkIndex,
    String content,
    double score,
    List<float[]> sentenceVectors) {
  /** A passage without stored sentence vectors. */
  public Passage(String documentId, String filename, int chunkIndex, String content, double score) {
    this(documentId, filename, chunkIndex, content, score, List.of());
  }
}
