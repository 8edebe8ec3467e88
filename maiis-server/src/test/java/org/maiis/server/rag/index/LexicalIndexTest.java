package org.maiis.server.rag.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
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
}
