package org.maiis.server.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.maiis.server.rag.KbFixture.CARDS;
import static org.maiis.server.rag.KbFixture.LOANS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maiis.server.rag.index.EmbeddedVectorStore;
import org.maiis.server.rag.index.LexicalIndex;
import org.maiis.server.rag.index.LexicalSearch;

/**
 * The on-disk BM25 index is a cache of the table kept in step through the change log: ingests and
 * deletes are searchable, or gone, at the next question on every knowledge base sharing the
 * database (two instances), and an index that is missing, damaged or from elsewhere is rebuilt.
 */
class LexicalIndexLifecycleTest extends KbTestBase {
  private static final String ANIMALS =
      "Assistance animals accompanying customers are welcome in every branch of the bank.";

  private KnowledgeBase a;
  private KnowledgeBase b;

  // Runs before KbTestBase closes the database.
  @AfterEach
  void closeInstances() {
    close(a);
    close(b);
  }

  private static void close(KnowledgeBase kb) {
    if (kb != null) {
      kb.close();
    }
  }

  // A knowledge base as a server builds it over the shared database: its own lexical index on disk
  // under its own data directory, its own vector store.
  private KnowledgeBase instance(String name) {
    return new KnowledgeBase(
        f.tx,
        embedder,
        new EmbeddedVectorStore(f.tx, embedder.model(), dir.resolve(name + "-v"), 1_000_000),
        new LexicalSearch(f.tx, LexicalIndex.open(indexDir(name)), embedder.model()),
        RagMetrics.NONE);
  }

  // Instance a started, with alice's card policy ingested; returns the document id.
  private String cardsIngestedOnA() {
    a = instance("a");
    String cards = f.document(alice, "cards.txt");
    f.ingest(a, cards, alice, CARDS);
    return cards;
  }

  // Instance a ingests the texts (one document each), makes its index durable and stops.
  private List<String> ingestThenStop(String... texts) {
    a = instance("a");
    List<String> ids = new java.util.ArrayList<>();
    for (String text : texts) {
      String id = f.document(alice, "doc.txt");
      f.ingest(a, id, alice, text);
      ids.add(id);
    }
    a.maintainIndex();
    a.close();
    a = null;
    return ids;
  }

  // Instance a's index opened again, not yet synced.
  private LexicalSearch reopenedIndex() {
    return new LexicalSearch(f.tx, LexicalIndex.open(indexDir("a")), embedder.model());
  }

  private Path indexDir(String name) {
    return dir.resolve(name + "-lexical");
  }

  private static Set<String> lexical(KnowledgeBase kb, String user, String q) {
    return kb.search(user, q, 5, KnowledgeBase.Mode.LEXICAL).stream()
        .map(Passage::documentId)
        .collect(Collectors.toSet());
  }

  private static Set<String> hybrid(KnowledgeBase kb, String user, String q) {
    return kb.search(user, q, 5).stream().map(Passage::documentId).collect(Collectors.toSet());
  }

  @Test
  void englishAnalysisMeetsOtherFormsOfAWordAndScopesHold() {
    String cards = cardsIngestedOnA();
    // "blocking" / "replacements" meet "blocked" / "replacement" through the Porter stemmer.
    assertEquals(Set.of(cards), lexical(a, alice, "blocking replacements"));
    assertTrue(lexical(a, bob, "blocking replacements").isEmpty(), "another user's chunk");
    assertTrue(lexical(a, alice, "the of and").isEmpty(), "stop words only");
  }

  @Test
  void ingestsReplacementsAndDeletesOnOneInstanceHoldOnTheOtherAtTheNextQuestion() {
    a = instance("a");
    b = instance("b");
    String cards = f.document(alice, "cards.txt");
    String loans = f.document(alice, "loans.txt");
    assertTrue(lexical(b, alice, "lost card hotline").isEmpty(), "b's index is built, empty");
    f.ingest(a, cards, alice, CARDS);
    f.ingest(a, loans, alice, LOANS);
    assertEquals(Set.of(cards), lexical(b, alice, "lost card hotline"), "ingested on a");
    assertEquals(Set.of(loans), hybrid(b, alice, "early repayment of a loan"));

    // Re-ingested on b with other text: a finds the new text and no longer the old.
    f.ingest(b, cards, alice, ANIMALS);
    assertEquals(Set.of(cards), lexical(a, alice, "assistance animals branch"));
    assertTrue(lexical(a, alice, "lost card hotline").isEmpty(), "the replaced text");

    // Deleted on b: never cited again by either, in any mode.
    f.remove(b, cards);
    for (KnowledgeBase kb : List.of(a, b)) {
      assertTrue(lexical(kb, alice, "assistance animals branch").isEmpty());
      assertFalse(hybrid(kb, alice, "assistance animals branch").contains(cards));
    }
    assertEquals(Set.of(loans), hybrid(a, alice, "early repayment of a loan"));
  }

  @Test
  void aDeletedDocumentIsNeverQuotedEvenBeforeTheIndexCatchesUp() {
    String cards = cardsIngestedOnA();
    assertEquals(Set.of(cards), lexical(a, alice, "lost card hotline"));
    // Rows deleted behind the change log's back (no generation taken): the index still holds the
    // chunk, but passages are read from the table, so it is never quoted.
    f.exec("DELETE FROM document_chunks WHERE document_id = ?", cards);
    assertTrue(lexical(a, alice, "lost card hotline").isEmpty());
    assertTrue(hybrid(a, alice, "lost card hotline").isEmpty());
  }

  @Test
  void aRemovedIndexDirectoryIsRebuiltFromTheTable() throws Exception {
    String cards = ingestThenStop(CARDS).get(0);
    try (var walk = Files.walk(indexDir("a"))) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    a = instance("a");
    assertEquals(Set.of(cards), lexical(a, alice, "lost card hotline"));
  }

  @Test
  void aDamagedIndexIsRebuiltFromTheTable() throws Exception {
    String cards = ingestThenStop(CARDS).get(0);
    try (var files = Files.list(indexDir("a"))) {
      for (Path p : files.toList()) {
        if (!p.getFileName().toString().equals("write.lock")) {
          Files.write(p, new byte[] {1, 2, 3});
        }
      }
    }
    a = instance("a");
    assertEquals(Set.of(cards), lexical(a, alice, "lost card hotline"));
  }

  @Test
  void anIndexHoldingChunksTheTableLostIsRebuiltAtItsFirstSync() throws Exception {
    String cards = ingestThenStop(CARDS).get(0);
    // Rows deleted behind the change log's back while the server was down.
    f.exec("DELETE FROM document_chunks WHERE document_id = ?", cards);
    try (LexicalSearch s = reopenedIndex()) {
      assertEquals(1, s.size(), "the stale chunk as committed");
      s.sync();
      assertEquals(0, s.size(), "rebuilt from the table");
    }
  }

  @Test
  void anIndexAheadOfTheChangeLogIsRebuiltAtItsFirstSync() throws Exception {
    String loans = ingestThenStop(CARDS, LOANS).get(1);
    // The database restored from a backup taken between the two ingests.
    f.exec("DELETE FROM document_chunks WHERE document_id = ?", loans);
    f.exec("DELETE FROM kb_changes WHERE document_id = ?", loans);
    f.exec("UPDATE kb_generation SET generation = generation - 1 WHERE id = 1 AND ? = 'x'", "x");
    try (LexicalSearch s = reopenedIndex()) {
      assertEquals(2, s.size());
      s.sync();
      assertEquals(1, s.size(), "rebuilt from the table");
    }
  }
}
