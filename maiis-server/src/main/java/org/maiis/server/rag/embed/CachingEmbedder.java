package org.maiis.server.rag.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the vectors of the texts it embedded most recently. Policy documents repeat their
 * boilerplate (contact lines, warnings, disclaimers) from file to file, a revised document
 * re-ingested is mostly unchanged, and customers ask the same questions: each of those is embedded
 * once. The model is deterministic, so a remembered vector is the one it would compute again.
 */
public final class CachingEmbedder implements EmbedderDecorator {
  private final Embedder inner;
  private final Map<String, float[]> recent;

  /**
   * @param inner the embedder that computes what is not remembered
   * @param capacity texts remembered, least recently used forgotten first (a 384-dimension vector
   *     is 1.5 KB)
   */
  public CachingEmbedder(Embedder inner, int capacity) {
    this.inner = inner;
    this.recent =
        new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public Embedder inner() {
    return inner;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<String> missing = new ArrayList<>();
    synchronized (recent) {
      for (int i = 0; i < out.length; i++) {
        float[] v = recent.get(texts.get(i));
        if (v != null) {
          out[i] = v.clone();
        } else if (!missing.contains(texts.get(i))) {
          missing.add(texts.get(i));
        }
      }
    }
    if (!missing.isEmpty()) {
      // Computed outside the lock: two threads may embed one text at once, never wait for it.
      List<float[]> computed = inner.embed(missing);
      synchronized (recent) {
        for (int m = 0; m < missing.size(); m++) {
          recent.put(missing.get(m), computed.get(m).clone());
        }
      }
      for (int i = 0; i < out.length; i++) {
        if (out[i] == null) {
          out[i] = computed.get(missing.indexOf(texts.get(i))).clone();
        }
      }
    }
    return List.of(out);
  }
}
