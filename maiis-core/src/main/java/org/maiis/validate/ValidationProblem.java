package org.maiis.validate;

/**
 * One problem found in a rendered file.
 *
 * @param file path in the rendered tree, such as {@code nginx/nginx.conf}
 * @param line 1-based line, or 0 when the problem is about the whole file
 * @param message what is wrong
 */
public record ValidationProblem(String file, int line, String message) {

  /** {@code FILE:LINE: message}, the one-line form printed by {@code maiis config validate}. */
  public String format() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
