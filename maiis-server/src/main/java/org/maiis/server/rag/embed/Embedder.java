package org.maiis.server.rag.embed;

import java.util.List;

/** Turns texts into unit-length vectors whose dot product is their cosine similarity. */
public interface Embedder {
  /** The provider, as the {@code provider} label of the embedding metrics (local, ollama). */
  String provider();

  /** The model name; vectors of different models are never compared. */
  String model();

  /**
   * One unit vector per text, in order.
   *
   * @throws EmbeddingException when the provider cannot answer
   */
  List<float[]> embed(List<String> texts);

  /** Loads what the first call would (a model), so that call does not pay for it. */
  default void warmUp() {}

  /** The vector of one text. */
  default float[] embed(String text) {
    return embed(List.of(text)).get(0);
  }

  /** Scales {@code v} to unit length in place (a zero vector stays zero) and returns it. */
  static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    if (sum > 0) {
      float inv = (float) (1 / Math.sqrt(sum));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }
}
