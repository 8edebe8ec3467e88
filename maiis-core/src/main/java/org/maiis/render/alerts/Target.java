package org.maiis.render.alerts;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels a test fixture's series share (job, instance and any fixed ones), so that a fixture
 * names its target once instead of spelling the same label pairs in every selector.
 */
final class Target {
  /** The API as Prometheus scrapes it. */
  static final Target APP = new Target("job", "backend", "instance", "app-1:8000");

  /** A node_exporter host. */
  static final Target NODE = new Target("job", "node", "instance", "node-1:9100");

  /** The root filesystem of {@link #NODE}: the one a disk alert must see. */
  static final Target ROOT_DISK =
      NODE.with("device", "/dev/vda1", "fstype", "ext4", "mountpoint", "/");

  private final String[] pairs;

  Target(String... pairs) {
    this.pairs = pairs.clone();
  }

  /** This target with more fixed labels. */
  Target with(String... more) {
    return new Target(concat(pairs, more));
  }

  /** The selector of {@code metric} on this target, with {@code more} label pairs after. */
  String sel(String metric, String... more) {
    return Fixtures.sel(metric, concat(pairs, more));
  }

  /** A constant gauge of {@code metric} on this target. */
  Series gauge(String metric, double value) {
    return Series.gauge(sel(metric), value);
  }

  /** This target's labels as an alert carries them, with {@code more} label pairs. */
  Map<String, String> labels(String... more) {
    String[] all = concat(pairs, more);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < all.length; i += 2) {
      out.put(all[i], all[i + 1]);
    }
    return Map.copyOf(out);
  }

  /** The value of label {@code name}. */
  String get(String name) {
    return labels().get(name);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
