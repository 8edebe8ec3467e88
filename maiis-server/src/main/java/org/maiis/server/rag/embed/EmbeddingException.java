package org.maiis.server.rag.embed;

/** The embedding provider failed; the message names the provider and the cause, no secrets. */
public final class EmbeddingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure. */
  public EmbeddingException(String message) {
    super(message);
  }
}
