package org.maiis.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every label combination of a metric whose labels are all closed sets, for creating its series at
 * 0 when the metric is registered. A labelled counter that first appears at 1 hides that first
 * event from {@code rate()} and {@code increase()} (they need two samples), and a ratio over a
 * series that does not exist yet is empty instead of 0: alerts stay blind after every start.
 */
final class KnownLabelSets {
  private KnownLabelSets() {}

  /**
   * Past this many series a metric is not initialised: the exposition would grow more than a missed
   * first event costs.
   */
  static final int MAX_SERIES = 64;

  /** The combinations in label order, or none when a label is open or there are too many. */
  static List<String[]> of(MetricSpec spec) {
    return of(spec, Map.of());
  }

  /**
   * The same, where an open label named in {@code known} takes the values given there (what this
   * server is configured with); none when no label of {@code spec} is named in {@code known} and
   * {@code known} is not empty (those series were created at registration).
   */
  static List<String[]> of(MetricSpec spec, Map<String, List<String>> known) {
    if (!known.isEmpty() && spec.labels().stream().noneMatch(l -> known.containsKey(l.name()))) {
      return List.of();
    }
    List<String[]> out = new ArrayList<>();
    out.add(new String[0]);
    for (LabelSpec label : spec.labels()) {
      List<String> values = known.getOrDefault(label.name(), label.values());
      if (!(label.isClosed() || known.containsKey(label.name()))
          || out.size() * values.size() > MAX_SERIES) {
        return List.of();
      }
      List<String[]> next = new ArrayList<>();
      for (String[] prefix : out) {
        for (String value : values) {
          String[] combo = java.util.Arrays.copyOf(prefix, prefix.length + 1);
          combo[prefix.length] = value;
          next.add(combo);
        }
      }
      out = next;
    }
    return spec.labels().isEmpty() ? List.of() : out;
  }
}
