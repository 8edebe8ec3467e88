package org.maiis.config;

/**
 * One thing wrong with a config file, located precisely enough for an editor to jump to it.
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param field dotted path of the field ({@code nginx.upstreams[0].server}), or empty for syntax
 * @param message what is wrong, never containing a secret value
 * @param expected what would have been accepted, or empty
 */
public record ConfigProblem(
    String file, int line, int column, String field, String message, String expected) {

  /** {@code FILE:LINE:COL: field.path: what is wrong (what was expected)}, on one line. */
  public String format() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ");
    if (!field.isEmpty()) {
      sb.append(field).append(": ");
    }
    sb.append(oneLine(message));
    if (!expected.isEmpty()) {
      sb.append(" (").append(oneLine(expected)).append(')');
    }
    return sb.toString();
  }

  private static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
