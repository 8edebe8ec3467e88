package org.maiis.server.rag.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {
  /** Vectors derived from the text, and a log of every text it was asked for. */
  private static final class Counting implements Embedder {
    final List<String> asked = new ArrayList<>();

    @Override
    public String provider() {
      return "test";
    }

    @Override
    public String model() {
      return "test";
    }

    @Override
    public synchronized List<float[]> embed(List<String> texts) {
      asked.addAll(texts);
      return texts.stream().map(t -> new float[] {t.length(), t.hashCode()}).toList();
    }

    synchronized List<String> asked() {
      return List.copyOf(asked);
    }
  }

  @Test
  void embedsOnlyTheTextsItDoesNotRememberAndKeepsTheOrder() {
    Counting model = new Counting();
    Embedder e = new EmbeddingCache(10).within("alice", model);
    List<float[]> first = e.embed(List.of("a", "bb", "a"));
    List<float[]> second = e.embed(List.of("ccc", "bb", "a"));
    assertEquals(List.of("a", "bb", "ccc"), model.asked(), "each text once");
    assertArrayEquals(model.embed(List.of("a")).get(0), first.get(0));
    assertArrayEquals(model.embed(List.of("bb")).get(0), first.get(1));
    assertArrayEquals(first.get(0), first.get(2));
    assertArrayEquals(model.embed(List.of("ccc")).get(0), second.get(0));
    assertArrayEquals(first.get(1), second.get(1));
    assertArrayEquals(first.get(0), second.get(2));
  }

  @Test
  void aKnowledgeBaseNeverGetsAnotherOnesRememberedTexts() {
    Counting model = new Counting();
    EmbeddingCache cache = new EmbeddingCache(10);
    cache.within("alice", model).embed(List.of("my salary is late"));
    cache.within("bob", model).embed(List.of("my salary is late"));
    cache.within("alice", model).embed(List.of("my salary is late"));
    assertEquals(List.of("my salary is late", "my salary is late"), model.asked());
  }

  @Test
  void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
    Counting model = new Counting();
    Embedder e = new EmbeddingCache(2).within("alice", model);
    e.embed(List.of("a", "b"));
    e.embed(List.of("a")); // b is now the least recently used
    e.embed(List.of("c")); // forgets b
    e.embed(List.of("a", "b"));
    assertEquals(List.of("a", "b", "c", "b"), model.asked());
  }

  @Test
  void aCallerChangingItsVectorDoesNotChangeWhatIsRemembered() {
    Counting model = new Counting();
    Embedder e = new EmbeddingCache(10).within("alice", model);
    float[] v = e.embed("text");
    float[] expected = v.clone();
    Embedder.normalize(v);
    v[0] = 42;
    assertArrayEquals(expected, e.embed("text"));
    assertArrayEquals(expected, e.embed("text"));
  }

  @Test
  void sixtyThreadsAtOnceEachGetTheirOwnTextsVectors() throws Exception {
    Counting model = new Counting();
    Embedder e = new EmbeddingCache(16).within("shared", model);
    ExecutorService pool = Executors.newFixedThreadPool(60);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String text = "sentence " + (i % 24);
        calls.add(
            () -> {
              for (int round = 0; round < 50; round++) {
                float[] v = e.embed(List.of(text, "shared")).get(0);
                if (v[1] != text.hashCode()) {
                  return false;
                }
              }
              return true;
            });
      }
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        assertEquals(true, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
