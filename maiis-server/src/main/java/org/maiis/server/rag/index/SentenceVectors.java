package org.maiis.server.rag.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.Bits;

/** Sentence vectors in the lexical index: int8, compared by cosine, searched exactly. */
final class SentenceVectors {
  private SentenceVectors() {}

  /**
   * The int8 part of each vector of {@link ChunkVectors#packSentences} (the float32 scale dropped:
   * cosine ignores it); an all-zero vector has no direction and is left out.
   */
  static List<byte[]> int8(byte[] packed, int dims) {
    if (packed == null || dims <= 0) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    int step = Float.BYTES + dims;
    for (int at = 0; at + step <= packed.length; at += step) {
      byte[] v = Arrays.copyOfRange(packed, at + Float.BYTES, at + step);
      for (byte x : v) {
        if (x != 0) {
          out.add(v);
          break;
        }
      }
    }
    return out;
  }

  /** {@code v} scaled to int8 by its largest component; null for a zero vector. */
  static byte[] int8(float[] v) {
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    if (max == 0) {
      return null;
    }
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) Math.round(v[i] * 127 / max);
    }
    return out;
  }

  /**
   * The {@code k} vectors of {@code field} nearest to {@code q} among {@code filter}'s documents,
   * compared one by one. Not the HNSW graph: a graph of near-duplicate sentences (policy prose
   * repeats itself with other figures) strands its search among the duplicates, which ranked the
   * right sentence nowhere on bench/rag's planted facts; an incomplete approximate result makes
   * Lucene compare every sentence the filter admits instead (about 20 ms at 60,000 sentences on 2
   * shared cores).
   */
  static Query exact(String field, byte[] q, int k, Query filter) {
    return new KnnByteVectorQuery(field, q, k, filter) {
      @Override
      protected TopDocs approximateSearch(
          LeafReaderContext context,
          Bits acceptDocs,
          int visitedLimit,
          KnnCollectorManager collectors) {
        return new TopDocs(
            new TotalHits(0, TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO), new ScoreDoc[0]);
      }
    };
  }
}
