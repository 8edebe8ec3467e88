package org.maiis.server.rag.index;

/**
 * A chunk's embedding with what a filtered search needs.
 *
 * @param documentId the chunk's document
 * @param chunkIndex its position in the document
 * @param scope the owner's user id or {@code shared}
 * @param vector unit length
 */
public record ChunkVector(String documentId, int chunkIndex, String scope, float[] vector) {}
