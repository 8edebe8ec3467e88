package org.maiis.server.rag.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the vectors of the texts ingested most recently, per knowledge base. Policy documents
 * repeat their boilerplate (contact lines, warnings, disclaimers) from file to file and a revised
 * document ingested again is mostly unchanged: each such sentence is embedded once. The model is
 * deterministic, so a remembered vector is the one it would compute again.
 *
 * <p>Entries are keyed by the knowledge base (a user's own, or the shared one) as well as the text,
 * and questions never go through it: how fast a text embeds tells no one what another user ingested
 * or asked.
 */
public final class EmbeddingCache {
  private final Map<String, float[]> recent;

  /**
   * @param capacity texts remembered in all, least recently used forgotten first (a 384-dimension
   *     vector is 1.5 KB)
   */
  public EmbeddingCache(int capacity) {
    this.recent =
        new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > capacity;
          }
        };
  }

  /** {@code inner}, remembering what it embeds for the knowledge base {@code scope}. */
  public Embedder within(String scope, Embedder inner) {
    return new Remembering(this, scope, inner);
  }

  private record Remembering(EmbeddingCache cache, String scope, Embedder inner)
      implements EmbedderDecorator {
    @Override
    public List<float[]> embed(List<String> texts) {
      return cache.embed(scope, texts, inner);
    }
  }

  private List<float[]> embed(String scope, List<String> texts, Embedder inner) {
    float[][] out = new float[texts.size()][];
    List<String> missing = new ArrayList<>();
    synchronized (recent) {
      for (int i = 0; i < out.length; i++) {
        float[] v = recent.get(key(scope, texts.get(i)));
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
          recent.put(key(scope, missing.get(m)), computed.get(m).clone());
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

  // A scope is a user id or "shared", never with a line break.
  private static String key(String scope, String text) {
    return scope + '\n' + text;
  }
}
