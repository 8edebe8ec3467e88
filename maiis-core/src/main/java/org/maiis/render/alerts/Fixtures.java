package org.maiis.render.alerts;

import java.util.ArrayList;
import java.util.List;

/** Shorthands for the input series of alert tests. */
final class Fixtures {
  private Fixtures() {}

  static String sel(String metric, String... labelPairs) {
    StringBuilder sb = new StringBuilder(metric).append('{');
    for (int i = 0; i < labelPairs.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(labelPairs[i]).append("=\"").append(labelPairs[i + 1]).append('"');
    }
    return sb.append('}').toString();
  }

  static Series up(String job, String instance, double value) {
    return Series.gauge(sel("up", "job", job, "instance", instance), value);
  }

  /**
   * Two counters of {@code metric} on {@code target} growing at {@code total} per second together,
   * told apart by {@code label}: {@code badRatio} of it {@code bad}, the rest {@code good}.
   */
  static List<Series> split(
      Target target,
      String metric,
      double total,
      double badRatio,
      String label,
      String bad,
      String good) {
    return List.of(
        Series.counter(target.sel(metric, label, bad), total * badRatio),
        Series.counter(target.sel(metric, label, good), total * (1 - badRatio)));
  }

  /**
   * A classic histogram with three buckets whose 95th percentile is {@code 2.875 * t} when slow
   * (every observation in (t/2, 3t]) and {@code 0.475 * t} when fast (every one at or below t/2).
   */
  static List<Series> histogram(String metric, double t, boolean slow, String... labelPairs) {
    List<Series> out = new ArrayList<>();
    double perSecond = 10;
    String[] les = {PromFormat.number(t / 2), PromFormat.number(3 * t), "+Inf"};
    double[] rates =
        slow
            ? new double[] {0, perSecond, perSecond}
            : new double[] {perSecond, perSecond, perSecond};
    for (int i = 0; i < les.length; i++) {
      String[] labels = new String[labelPairs.length + 2];
      System.arraycopy(labelPairs, 0, labels, 0, labelPairs.length);
      labels[labelPairs.length] = "le";
      labels[labelPairs.length + 1] = les[i];
      out.add(Series.counter(sel(metric + "_bucket", labels), rates[i]));
    }
    return out;
  }

  /** The p95 {@link #histogram} gives when slow. */
  static double slowP95(double t) {
    return t / 2 + (3 * t - t / 2) * 0.95;
  }

  /** A ratio safely above {@code t} (for thresholds that are ratios in [0, 1)). */
  static double above(double t) {
    if (t <= 0) {
      return 0.5; // twice zero is still zero, and "> 0" needs more
    }
    return t < 0.5 ? 2 * t : (1 + t) / 2;
  }

  /**
   * A whole number safely above a threshold that may be 0 or fractional: twice zero is not above
   * it, and a fraction like 0.5 prints differently in Java's and Go's "%.0f".
   */
  static double countAbove(double t) {
    return Math.max(Math.ceil(2 * t), Math.floor(t) + 1);
  }

  /** A positive rate above a threshold that may be 0. */
  static double rateAbove(double t) {
    return t > 0 ? 2 * t : 0.1;
  }
}
