package org.maiis.server.rag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.maiis.server.failure.Failure;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.embed.EmbeddingException;
import org.maiis.server.rag.index.ChunkVectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Embedding many texts for the knowledge base: in batches, a provider failure as a 503. */
final class Embeddings {
  /**
   * Vectors of chunks.
   *
   * @param vectors one per chunk: the normalised mean of its sentences' vectors
   * @param sentences per chunk, its sentences' vectors ({@link ChunkVectors#packSentences})
   */
  record Chunks(List<float[]> vectors, List<byte[]> sentences) {}

  /** Texts per call to the embedder. */
  static final int BATCH = 32;

  private static final Logger LOG = LoggerFactory.getLogger(Embeddings.class);

  private Embeddings() {}

  /**
   * Embeds each chunk's sentences (an extractive answer then embeds nothing at question time) and
   * makes the chunk's vector their normalised mean rather than embedding the chunk again: the
   * chunk's own text was the longest input and took two thirds of an ingest (117 -> 330 chunks/s on
   * bench/rag.sh at 10,000 chunks), and on bench/rag's 60 labelled questions the mean ranks as well
   * (vector recall@5 0.933 -> 0.967, hybrid 0.942 -> 0.958). A chunk with no sentence (no text) is
   * embedded as it is.
   *
   * @throws Failure 503 when the embedding provider fails
   */
  static Chunks chunks(Embedder embedder, List<String> chunks) {
    List<List<String>> split = new ArrayList<>(chunks.size());
    List<String> texts = new ArrayList<>();
    for (String chunk : chunks) {
      List<String> sentences = ExtractiveAnswer.split(chunk);
      split.add(sentences.isEmpty() ? List.of(chunk) : sentences);
      texts.addAll(split.get(split.size() - 1));
    }
    List<float[]> all = embedAll(embedder, texts);
    List<float[]> vectors = new ArrayList<>(chunks.size());
    List<byte[]> packed = new ArrayList<>(chunks.size());
    int from = 0;
    for (List<String> sentences : split) {
      List<float[]> own = all.subList(from, from += sentences.size());
      packed.add(ChunkVectors.packSentences(own));
      float[] sum = new float[own.get(0).length];
      for (float[] v : own) {
        for (int i = 0; i < sum.length; i++) {
          sum[i] += v[i];
        }
      }
      vectors.add(Embedder.normalize(sum));
    }
    return new Chunks(vectors, packed);
  }

  /**
   * {@code texts} embedded in batches, each distinct text once (a sentence that a chunk's overlap
   * repeats, a heading or boilerplate line that recurs, shares its vector).
   *
   * @throws Failure 503 when the embedding provider fails
   */
  static List<float[]> embedAll(Embedder embedder, List<String> texts) {
    Map<String, Integer> index = new HashMap<>();
    List<String> distinct = new ArrayList<>();
    for (String t : texts) {
      index.computeIfAbsent(
          t,
          k -> {
            distinct.add(k);
            return distinct.size() - 1;
          });
    }
    List<float[]> vectors = new ArrayList<>(distinct.size());
    try {
      for (int i = 0; i < distinct.size(); i += BATCH) {
        vectors.addAll(embedder.embed(distinct.subList(i, Math.min(distinct.size(), i + BATCH))));
      }
    } catch (EmbeddingException e) {
      LOG.warn("embedding failed: {}", e.getMessage());
      throw Failure.unavailable("embedding_unavailable", "the embedding provider is unavailable");
    }
    List<float[]> out = new ArrayList<>(texts.size());
    texts.forEach(t -> out.add(vectors.get(index.get(t))));
    return out;
  }
}
