package org.maiis.server.rag.index;

/**
 * A chunk found by vector search.
 *
 * @param documentId its document
 * @param chunkIndex its position
 * @param similarity cosine similarity to the query, -1..1
 */
public record VectorHit(String documentId, int chunkIndex, double similarity) {}
