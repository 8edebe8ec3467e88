package org.maiis.server.http;

/**
 * The one error shape every failing response carries: {@code {"error": {"code", "message"}}}.
 *
 * @param error the code and message
 */
public record ErrorBody(Detail error) {

  /**
   * What went wrong.
   *
   * @param code stable machine-readable code
   * @param message human-readable explanation
   */
  public record Detail(String code, String message) {}

  /** An error body with {@code code} and {@code message}. */
  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, message));
  }
}
