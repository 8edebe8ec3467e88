package org.maiis.metrics;

/**
 * One problem found by a metrics check.
 *
 * @param severity errors fail the check, warnings do not
 * @param where the metric name, or file (and place in it) the problem is in
 * @param message what is wrong, one line
 */
public record Finding(Severity severity, String where, String message) {
  /** How bad a finding is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  static Finding error(String where, String message) {
    return new Finding(Severity.ERROR, where, message);
  }

  static Finding warning(String where, String message) {
    return new Finding(Severity.WARNING, where, message);
  }

  /** The one-line form: {@code error: where: message}. */
  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + where + ": " + message;
  }
}
