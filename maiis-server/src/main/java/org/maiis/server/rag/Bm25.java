package org.maiis.server.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Okapi BM25 (k1 = 1.2, b = 0.75) over one user's chunks, computed per query. */
final class Bm25 {
  private static final double K1 = 1.2;
  private static final double B = 0.75;

  /** A chunk to score, with its text. */
  record Doc(String documentId, String filename, int chunkIndex, String content) {}

  private Bm25() {}

  /** The {@code k} best chunks with a positive score, best first; ties by document and index. */
  static List<Passage> top(List<Doc> docs, String query, int k) {
    return top(docs, query, k, new TermCounts(docs.size()));
  }

  /** Like {@link #top(List, String, int)}, with chunk term counts from {@code counts}. */
  static List<Passage> top(List<Doc> docs, String query, int k, TermCounts counts) {
    Set<String> queryTerms = new LinkedHashSet<>(Terms.of(query));
    if (queryTerms.isEmpty() || docs.isEmpty()) {
      return List.of();
    }
    List<Map<String, Integer>> tfs = new ArrayList<>(docs.size());
    Map<String, Integer> df = new HashMap<>();
    long totalLength = 0;
    int[] lengths = new int[docs.size()];
    for (int i = 0; i < docs.size(); i++) {
      TermCounts.Counts c = counts.of(docs.get(i));
      lengths[i] = c.length();
      totalLength += c.length();
      Map<String, Integer> tf = new HashMap<>();
      for (String t : queryTerms) {
        Integer n = c.tf().get(t);
        if (n != null) {
          tf.put(t, n);
        }
      }
      tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
      tfs.add(tf);
    }
    double avgLength = Math.max(1.0, (double) totalLength / docs.size());
    int n = docs.size();
    List<Passage> scored = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double score = 0;
      for (Map.Entry<String, Integer> e : tfs.get(i).entrySet()) {
        int d = df.get(e.getKey());
        double idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
        double tf = e.getValue();
        score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[i] / avgLength));
      }
      if (score > 0) {
        Doc doc = docs.get(i);
        scored.add(
            new Passage(doc.documentId(), doc.filename(), doc.chunkIndex(), doc.content(), score));
      }
    }
    scored.sort(
        Comparator.comparingDouble(Passage::score)
            .reversed()
            .thenComparing(Passage::documentId)
            .thenComparingInt(Passage::chunkIndex));
    return scored.subList(0, Math.min(k, scored.size()));
  }
}
