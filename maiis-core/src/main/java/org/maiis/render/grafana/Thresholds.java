package org.maiis.render.grafana;

import java.util.List;

/**
 * Grafana threshold steps: the colour a value takes from each step's value upward. The first step
 * has no value (it is the base colour).
 *
 * @param steps the steps, lowest first
 */
public record Thresholds(List<Step> steps) {

  /**
   * One step.
   *
   * @param from where the colour starts, or null for the base step
   * @param color a Grafana colour name
   */
  public record Step(Double from, String color) {}

  /** No thresholds: everything green. */
  public static final Thresholds NONE = new Thresholds(List.of(new Step(null, "green")));

  /** Green below {@code limit}, red from it: for values where higher is worse. */
  public static Thresholds above(double limit) {
    return new Thresholds(List.of(new Step(null, "green"), new Step(limit, "red")));
  }

  /**
   * Red below {@code critical}, orange up to {@code warning}, green above: for values where lower
   * is worse, such as days left on a certificate.
   */
  public static Thresholds below(double critical, double warning) {
    return new Thresholds(
        List.of(new Step(null, "red"), new Step(critical, "orange"), new Step(warning, "green")));
  }

  /** Whether anything beyond the base colour is set. */
  public boolean isSet() {
    return steps.size() > 1;
  }
}
