package org.maiis.server.voice;

/** One provider could not serve a request; the chain moves on to the next. */
public final class SpeechFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean rejected;

  /** A failure whose message is safe to log (no audio, no text of the request). */
  public SpeechFailure(String reason) {
    this(reason, false);
  }

  /**
   * A failure; {@code rejected} when the request itself cannot be served by this provider (an
   * unknown voice) rather than the provider being broken.
   */
  public SpeechFailure(String reason, boolean rejected) {
    super(reason, null, false, false);
    this.rejected = rejected;
  }

  /** Whether the request, not the provider, was at fault. */
  public boolean rejected() {
    return rejected;
  }
}
