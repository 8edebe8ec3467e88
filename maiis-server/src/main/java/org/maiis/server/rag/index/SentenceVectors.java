package org.maiis.server.rag.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Sentence vectors in the lexical index, searched in two steps: every sentence by Hamming distance
 * between sign bits (one bit per dimension, 48 bytes for 384 dimensions), then the closest share of
 * them by the cosine of their int8 vectors. Both are doc values, not an HNSW graph: a graph of
 * near-duplicate sentences (policy prose repeats itself with other figures) strands its search
 * among the duplicates, which ranked the right sentence nowhere on bench/rag's planted facts.
 *
 * <p>Comparing every int8 vector (the previous exact search) grew to ~200 ms per question at
 * 300,000 sentences; the sign bits cost ~1/64 of that. On bench/rag's corpus (32,000 sentences of
 * all-MiniLM-L6-v2) re-ranking the closest eighth by Hamming distance kept 97.5 % of the exact top
 * 20 and every planted sentence the exact search ranked in its top 50; the closest sixteenth kept
 * 83 %.
 */
final class SentenceVectors {
  /** One in this many sentences (the closest by sign bits) is compared by cosine. */
  private static final int RESCORE_SHARE = 8;

  /** ... but never fewer than this many (small knowledge bases are compared in full). */
  private static final int RESCORE_MIN = 2_000;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  // Sentences of one chunk that are searched (the index of a sentence takes 16 bits).
  private static final int MAX_SENTENCES = 0xffff;
  private static final String SIGNS = "sentence_signs";
  private static final String INT8 = "sentence_int8";

  private SentenceVectors() {}

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
   * Adds a chunk's sentence vectors, {@code packed} as {@link ChunkVectors#packSentences} stores
   * them (null: none), to the chunk's document: their int8 parts and their sign bits, each kind
   * concatenated in one doc value. The float32 scales are dropped (cosine ignores them), and an
   * all-zero vector, which has no direction, is left out.
   */
  static void addTo(Document d, byte[] packed, int dims) {
    if (packed == null || dims <= 0) {
      return;
    }
    int step = Float.BYTES + dims;
    byte[] bits = new byte[(dims + 7) / 8];
    ByteArrayOutputStream signs = new ByteArrayOutputStream();
    ByteArrayOutputStream int8 = new ByteArrayOutputStream();
    for (int at = 0; at + step <= packed.length; at += step) {
      int from = at + Float.BYTES;
      if (signs(packed, from, dims, bits)) {
        signs.write(bits, 0, bits.length);
        int8.write(packed, from, dims);
      }
    }
    if (int8.size() > 0) {
      d.add(new BinaryDocValuesField(SIGNS + dims, new BytesRef(signs.toByteArray())));
      d.add(new BinaryDocValuesField(INT8 + dims, new BytesRef(int8.toByteArray())));
    }
  }

  /** A chunk's document (an index-wide doc id) and the cosine of one of its sentences. */
  record Scored(int doc, double cosine) {}

  /**
   * The {@code k} sentences nearest to the int8 vector {@code q} among the sentences of {@code
   * filter}'s documents, nearest first (ties by doc id), each as its chunk's document.
   */
  static List<Scored> nearest(IndexSearcher searcher, byte[] q, int k, Query filter)
      throws IOException {
    Weight w = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    byte[] qs = signs(q);
    // Each sentence as (distance << 48 | its index in the chunk << 32 | doc id), in doc id order;
    // a histogram of the distances gives the cut-off without sorting them.
    long[] found = new long[1024];
    int n = 0;
    int[] histogram = new int[q.length + 1];
    for (LeafReaderContext leaf : leaves) {
      BinaryDocValues signs = leaf.reader().getBinaryDocValues(SIGNS + q.length);
      Scorer scorer = w.scorer(leaf);
      if (signs == null || scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if ((live == null || live.get(doc)) && signs.advanceExact(doc)) {
          BytesRef all = signs.binaryValue();
          int sentences = Math.min(all.length / qs.length, MAX_SENTENCES);
          if (n + sentences > found.length) {
            found = Arrays.copyOf(found, Math.max(found.length * 2, n + sentences));
          }
          for (int i = 0; i < sentences; i++) {
            int distance = hamming(qs, all.bytes, all.offset + i * qs.length);
            histogram[distance]++;
            found[n++] = ((long) distance << 48) | ((long) i << 32) | (leaf.docBase + doc);
          }
        }
      }
    }
    int wanted = Math.max(RESCORE_MIN, n / RESCORE_SHARE);
    int cutoff = 0;
    for (int seen = histogram[0]; seen < wanted && cutoff < q.length; seen += histogram[++cutoff]) {
      // Widens the cut-off until it admits the wanted number of sentences.
    }
    PriorityQueue<Scored> best =
        new PriorityQueue<>(
            Comparator.comparingDouble(Scored::cosine)
                .thenComparing(Comparator.comparingInt(Scored::doc).reversed()));
    double qq = Math.sqrt(dot(q, q));
    int at = 0;
    for (LeafReaderContext leaf : leaves) {
      int end = leaf.docBase + leaf.reader().maxDoc();
      BinaryDocValues vectors = null;
      int current = -1;
      BytesRef value = null;
      for (; at < n && (int) found[at] < end; at++) {
        if ((found[at] >>> 48) > cutoff) {
          continue;
        }
        int doc = (int) found[at];
        if (vectors == null) {
          vectors = leaf.reader().getBinaryDocValues(INT8 + q.length);
        }
        if (doc != current) {
          current = doc;
          value =
              vectors != null && vectors.advanceExact(doc - leaf.docBase)
                  ? vectors.binaryValue()
                  : null;
        }
        int sentence = (int) ((found[at] >>> 32) & 0xffff);
        if (value != null && (sentence + 1) * q.length <= value.length) {
          best.add(new Scored(doc, cosine(q, qq, value.bytes, value.offset + sentence * q.length)));
          if (best.size() > k) {
            best.poll();
          }
        }
      }
    }
    List<Scored> out = new ArrayList<>(best);
    out.sort(Comparator.comparingDouble(Scored::cosine).reversed().thenComparingInt(Scored::doc));
    return out;
  }

  // Bit i set when dimension i is positive.
  static byte[] signs(byte[] v) {
    byte[] out = new byte[(v.length + 7) / 8];
    signs(v, 0, v.length, out);
    return out;
  }

  // The sign bits of v[from, from + dims) into out; false when every component is zero.
  private static boolean signs(byte[] v, int from, int dims, byte[] out) {
    Arrays.fill(out, (byte) 0);
    boolean any = false;
    for (int i = 0; i < dims; i++) {
      byte x = v[from + i];
      any |= x != 0;
      if (x > 0) {
        out[i >> 3] |= (byte) (1 << (i & 7));
      }
    }
    return any;
  }

  private static int hamming(byte[] q, byte[] v, int from) {
    int d = 0;
    int i = 0;
    for (; i + Long.BYTES <= q.length; i += Long.BYTES) {
      d += Long.bitCount(longAt(q, i) ^ longAt(v, from + i));
    }
    for (; i < q.length; i++) {
      d += Integer.bitCount((q[i] ^ v[from + i]) & 0xff);
    }
    return d;
  }

  private static long longAt(byte[] b, int at) {
    return (long) LONGS.get(b, at);
  }

  private static double cosine(byte[] q, double qNorm, byte[] v, int from) {
    long dot = 0;
    long vv = 0;
    for (int i = 0; i < q.length; i++) {
      int x = v[from + i];
      dot += q[i] * x;
      vv += x * x;
    }
    return vv == 0 ? 0 : dot / (qNorm * Math.sqrt(vv));
  }

  private static double dot(byte[] a, byte[] b) {
    long s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
