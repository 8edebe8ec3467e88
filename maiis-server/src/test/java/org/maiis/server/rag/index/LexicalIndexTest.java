package org.maiis.server.rag.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.rag.KbFixture;

/** Sentence vectors in the lexical index: the chunk holding the nearest sentence, per scope. */
class LexicalIndexTest {
  private final KbFixture.HashingEmbedder embedder = new KbFixture.HashingEmbedder();

  private LexicalIndex.Chunk chunk(String doc, String scope, List<String> sentences) {
    byte[] packed = ChunkVectors.packSentences(embedder.embed(sentences));
    return new LexicalIndex.Chunk(doc, 0, scope, String.join(" ", sentences), packed, 256);
  }

  @Test
  void theChunkWithTheNearestSentenceComesFirstWithinTheCallersScopes() throws Exception {
    try (LexicalIndex index = LexicalIndex.inMemory()) {
      index.apply(
          List.of("a", "b", "c"),
          List.of(
              chunk("a", "shared", List.of("Opening hours are nine to five.", "Fees are low.")),
              chunk(
                  "b",
                  "shared",
                  List.of("Statements arrive monthly.", "Guide dogs are welcome in branches.")),
              chunk("c", "alice", List.of("Guide dogs are welcome in branches."))),
          3);
      float[] q = embedder.embed("guide dogs are welcome in branches");
      List<LexicalIndex.Hit> hits = index.nearestSentences(q, List.of("bob", "shared"), 10);
      assertEquals("b", hits.get(0).documentId(), hits.toString());
      assertTrue(hits.get(0).score() > 0.99, "the sentence's own cosine: " + hits);
      assertTrue(hits.stream().noneMatch(h -> h.documentId().equals("c")), "alice's chunk");
      assertEquals(3, index.size(), "chunks, not sentences");

      index.apply(List.of("b"), List.of(), 4);
      assertTrue(
          index.nearestSentences(q, List.of("bob", "shared"), 10).stream()
              .noneMatch(h -> h.documentId().equals("b")),
          "a removed document's sentences go with it");
    }
  }

  /**
   * Thousands of sentences, more than are re-ranked by cosine: the sign bits must keep the sentence
   * a question paraphrases (here: its vector with noise), and every score is the sentence's own
   * cosine, best first.
   */
  @Test
  void signBitsKeepTheNearestSentenceAmongThousands() throws Exception {
    Random random = new Random(7);
    int dims = 64;
    List<float[]> all = new ArrayList<>();
    List<LexicalIndex.Chunk> chunks = new ArrayList<>();
    for (int c = 0; c < 3_000; c++) {
      List<float[]> sentences = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
          v[d] = (float) random.nextGaussian();
        }
        sentences.add(v);
        all.add(v);
      }
      chunks.add(
          new LexicalIndex.Chunk(
              "doc" + c, 0, "shared", "text " + c, ChunkVectors.packSentences(sentences), dims));
    }
    try (LexicalIndex index = LexicalIndex.inMemory()) {
      index.apply(List.of(), chunks, 1);
      for (int target : List.of(5, 4_321, 11_998)) {
        float[] q = new float[dims];
        for (int d = 0; d < dims; d++) {
          q[d] = all.get(target)[d] + (float) (0.4 * random.nextGaussian());
        }
        List<LexicalIndex.Hit> hits = index.nearestSentences(normalized(q), List.of("shared"), 20);
        assertEquals("doc" + target / 4, hits.get(0).documentId(), hits.toString());
        for (int i = 1; i < hits.size(); i++) {
          assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), hits.toString());
        }
        double own = cosine(q, all.get(target));
        assertEquals(own, hits.get(0).score(), 0.02, "the int8 cosine of the sentence itself");
      }
    }
  }

  /** An index written before sentence doc values (format 1) is emptied and refilled. */
  @Test
  void anIndexOfAnOlderFormatIsRebuilt(@TempDir Path dir) throws Exception {
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(new StringField("doc", "old", Field.Store.YES));
      w.addDocument(doc);
      w.setLiveCommitData(Map.of("generation", "5").entrySet());
      w.commit();
    }
    try (LexicalIndex index = LexicalIndex.open(dir)) {
      assertEquals(0, index.watermark(), "refilled from the start of the change log");
      assertEquals(0, index.size());
      index.apply(
          List.of("a"), List.of(chunk("a", "shared", List.of("Fees are low this year."))), 6);
      index.commit();
    }
    try (LexicalIndex index = LexicalIndex.open(dir)) {
      assertEquals(6, index.watermark(), "an index of the current format is kept");
      assertEquals(1, index.size());
    }
  }

  private static float[] normalized(float[] v) {
    double n = Math.sqrt(dot(v, v));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }

  private static double cosine(float[] a, float[] b) {
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
