package org.maiis.server.rag.index;

/** The vector store failed; the message names the store and the cause, no hosts or secrets. */
public final class VectorStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure. */
  public VectorStoreException(String message) {
    super(message);
  }
}
