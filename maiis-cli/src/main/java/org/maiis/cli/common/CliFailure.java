package org.maiis.cli.common;

import java.util.Optional;

/**
 * A failure the command has already described, with the exit code to return. {@link ErrorHandler}
 * prints it as one line {@code maiis <command>: <what happened>. <what to do>.}; without a hint of
 * its own it gets the default one of its exit code.
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;
  private final String hint;

  /** A failure saying {@code message}, with the default hint of {@code exitCode}. */
  public CliFailure(int exitCode, String message) {
    this(exitCode, message, null);
  }

  /** A failure saying {@code message} and then what to do about it, {@code hint}. */
  public CliFailure(int exitCode, String message, String hint) {
    super(message);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  /** The exit code. */
  public int exitCode() {
    return exitCode;
  }

  /** What the user can do about it, when the command knows better than the default. */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }
}
