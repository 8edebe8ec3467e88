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
 * The knowledge base weighs BM25 and the chunk vector equally and its best-sentence ranking double
 * (measured on bench/rag's labelled questions: see KnowledgeBase).
 */
final class Fusion {
  static final int K = 60;

  private Fusion() {}

  /**
   * The keys of {@code rankings} (each best first) by fused score, best first, ties by key.
   *
   * @param weights one per ranking (1 each is plain reciprocal rank fusion)
   */
  static List<Map.Entry<String, Double>> fuse(List<List<String>> rankings, double... weights) {
    Map<String, Double> scores = new LinkedHashMap<>();
    double sum = 0;
    for (int i = 0; i < rankings.size(); i++) {
      List<String> ranking = rankings.get(i);
      double w = weights[i];
      sum += w / (K + 1);
      for (int r = 0; r < ranking.size(); r++) {
        scores.merge(ranking.get(r), w / (K + r + 1), Double::sum);
      }
    }
    double best = sum == 0 ? 1 : sum;
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    scores.forEach((key, s) -> out.add(Map.entry(key, s / best)));
    out.sort(
        Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    return out;
  }
}
