package org.maiis.server.rag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
  @Test
  void eachDistinctTextIsEmbeddedOnceAndEveryPositionGetsItsVector() {
    KbFixture.HashingEmbedder hashing = new KbFixture.HashingEmbedder();
    List<String> texts = new ArrayList<>();
    IntStream.range(0, 40).forEach(i -> texts.add("Sentence number " + (i % 25) + " of the fees."));
    List<float[]> vectors = Embeddings.embedAll(hashing, texts);
    assertEquals(25, hashing.embedded.get(), "the 15 repeats are not embedded again");
    assertEquals(texts.size(), vectors.size());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(hashing.embed(texts.get(i)), vectors.get(i), texts.get(i));
    }
  }
}
