package org.maiis.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request rate as nginx's {@code limit_req_zone} takes it: {@code 10r/s} or {@code 5r/m}.
 *
 * @param requests how many requests
 * @param perMinute true for r/m, false for r/s
 */
public record RequestRate(int requests, boolean perMinute) {
  private static final Pattern RATE = Pattern.compile("(\\d{1,6})r/([sm])");

  /** Parses {@code 10r/s} or {@code 5r/m}; the count must be positive. */
  public static Optional<RequestRate> parse(String text) {
    Matcher m = RATE.matcher(text);
    if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
      return Optional.empty();
    }
    return Optional.of(new RequestRate(Integer.parseInt(m.group(1)), m.group(2).equals("m")));
  }

  /** The nginx spelling. */
  public String nginx() {
    return requests + (perMinute ? "r/m" : "r/s");
  }

  /** Requests per second, for thresholds and comparisons. */
  public double perSecond() {
    return perMinute ? requests / 60.0 : requests;
  }
}
