package org.maiis.server.rag;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The term counts of chunk texts, remembered so that a chunk is tokenized once instead of at every
 * query (tokenizing every chunk dominated BM25 at 10,000 chunks). Keyed by chunk and a hash and
 * length of its text, so a re-ingested chunk with new text is counted afresh; least recently used
 * entries go first beyond the capacity. Terms are shared between entries to keep it small.
 */
final class TermCounts {
  /**
   * One text's counts.
   *
   * @param length number of terms
   * @param tf count per term
   */
  record Counts(int length, Map<String, Integer> tf) {}

  private record Key(String documentId, int chunkIndex, int hash, int length) {}

  private final int capacity;
  private final Map<String, String> dictionary = new HashMap<>();
  private final LinkedHashMap<Key, Counts> entries;

  /** Remembers at most {@code capacity} chunks. */
  TermCounts(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Counts> eldest) {
            return size() > TermCounts.this.capacity;
          }
        };
  }

  /** The counts of {@code doc}'s text. */
  Counts of(Bm25.Doc doc) {
    String text = doc.content();
    Key key = new Key(doc.documentId(), doc.chunkIndex(), text.hashCode(), text.length());
    synchronized (this) {
      Counts c = entries.get(key);
      if (c != null) {
        return c;
      }
    }
    List<String> terms = Terms.of(text);
    Map<String, Integer> tf = new HashMap<>();
    synchronized (this) {
      if (dictionary.size() > 4 * capacity) {
        dictionary.clear();
      }
      for (String t : terms) {
        tf.merge(dictionary.computeIfAbsent(t, x -> x), 1, Integer::sum);
      }
      Counts c = new Counts(terms.size(), tf);
      entries.put(key, c);
      return c;
    }
  }
}
