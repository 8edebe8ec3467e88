package org.maiis.metrics;

import java.util.List;

/** The folders of one metric's labels, applied in label order. */
final class BoundedLabels {
  private final List<LabelFolder> folders;

  BoundedLabels(MetricSpec spec) {
    this.folders = spec.labels().stream().map(LabelFolder::new).toList();
  }

  String[] fold(String... values) {
    if (values.length != folders.size()) {
      throw new IllegalArgumentException(
          "expected " + folders.size() + " label values, got " + values.length);
    }
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = folders.get(i).fold(values[i]);
    }
    return out;
  }
}
