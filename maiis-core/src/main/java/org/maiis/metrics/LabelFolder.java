package org.maiis.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one label's values inside its {@link LabelSpec}: a value outside a closed set, past an open
 * set's cap, empty, or absurdly long becomes {@link LabelSpec#OTHER}.
 */
final class LabelFolder {
  private static final int MAX_LENGTH = 100;
  private final LabelSpec spec;
  private final Set<String> allowed;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  LabelFolder(LabelSpec spec) {
    this.spec = spec;
    this.allowed = Set.copyOf(spec.values());
  }

  String fold(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return LabelSpec.OTHER;
    }
    if (spec.isClosed()) {
      return allowed.contains(value) ? value : LabelSpec.OTHER;
    }
    if (seen.contains(value)) {
      return value;
    }
    synchronized (seen) {
      if (seen.size() >= spec.maxDistinct()) {
        return LabelSpec.OTHER;
      }
      seen.add(value);
      return value;
    }
  }
}
