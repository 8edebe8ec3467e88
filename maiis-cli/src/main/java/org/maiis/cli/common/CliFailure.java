package org.maiis.cli.common;

/** A failure the command has already described in one line, with the exit code to return. */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  /** A failure reported as {@code maiis: message} with {@code exitCode}. */
  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The exit code. */
  public int exitCode() {
    return exitCode;
  }
}
