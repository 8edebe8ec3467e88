package org.maiis.render.output;

/** A template is missing, unreadable or does not fit its view model; nothing was written. */
public final class RenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described in one line. */
  public RenderException(String message) {
    super(message);
  }

  /** A failure described in one line, with its cause for --verbose. */
  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
