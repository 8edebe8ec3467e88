package org.maiis.metrics;

import java.util.List;

/**
 * One label of a catalog metric and how its values are bounded: either a closed set ({@code
 * values}), or an open set capped at {@code maxDistinct} values per process. Values outside the
 * bound are recorded as {@link #OTHER}, so no caller can explode a metric's cardinality.
 *
 * @param name label name
 * @param values the allowed values; empty for an open set
 * @param maxDistinct for an open set, how many distinct values are kept before folding
 */
public record LabelSpec(String name, List<String> values, int maxDistinct) {
  /** The value that every out-of-bound value is folded to. */
  public static final String OTHER = "other";

  public LabelSpec {
    values = List.copyOf(values);
  }

  /** A label restricted to {@code values} (plus {@link #OTHER}). */
  public static LabelSpec closed(String name, String... values) {
    return new LabelSpec(name, List.of(values), values.length + 1);
  }

  /** A label whose values are not known in advance, capped at {@code maxDistinct}. */
  public static LabelSpec open(String name, int maxDistinct) {
    return new LabelSpec(name, List.of(), maxDistinct);
  }

  /** Whether the allowed values are a fixed set. */
  public boolean isClosed() {
    return !values.isEmpty();
  }
}
