package org.maiis.server.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: each ranking gives an item 1 / (60 + rank); ranks, not raw scores, are
 * added, so BM25's unbounded scores and cosine similarities need no calibration against each other.
 * Fused scores are divided by the best possible (first in every ranking), so they lie in (0, 1].
 */
final class Fusion {
  static final int K = 60;

  private Fusion() {}

  /** The keys of {@code rankings} (each best first) by fused score, best first, ties by key. */
  static List<Map.Entry<String, Double>> fuse(List<List<String>> rankings) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (List<String> ranking : rankings) {
      for (int r = 0; r < ranking.size(); r++) {
        scores.merge(ranking.get(r), 1.0 / (K + r + 1), Double::sum);
      }
    }
    double best = rankings.isEmpty() ? 1 : rankings.size() / (double) (K + 1);
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    scores.forEach((key, s) -> out.add(Map.entry(key, s / best)));
    out.sort(
        Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    return out;
  }
}
