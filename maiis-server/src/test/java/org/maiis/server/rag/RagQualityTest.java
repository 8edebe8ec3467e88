package org.maiis.server.rag;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.rag.embed.LocalEmbedder;

/**
 * Retrieval quality over the repository's banking corpus with the real in-process model: hybrid
 * retrieval finds an answering document in the top 5 for most paraphrased questions, and does at
 * least as well as BM25 alone. (bench/rag.sh reports the same measures with latency.)
 */
class RagQualityTest {
  @Test
  void hybridRecallAt5StaysAboveItsFloorOnTheBankingCorpus(@TempDir Path dir) {
    RagCorpus corpus = new RagCorpus(RagCorpus.locate());
    assertTrue(corpus.questions.size() >= 30, "a labelled set of at least 30 questions");
    try (KbFixture f = new KbFixture(dir)) {
      KnowledgeBase kb = f.exactKnowledgeBase(new LocalEmbedder(), dir.resolve("vectors"));
      String admin = f.user();
      String customer = f.user();
      Map<String, String> nameOf = f.ingestShared(kb, admin, corpus.documents).nameOf();
      RagCorpus.Quality hybrid = corpus.evaluate(kb, customer, KnowledgeBase.Mode.HYBRID, nameOf);
      RagCorpus.Quality lexical = corpus.evaluate(kb, customer, KnowledgeBase.Mode.LEXICAL, nameOf);
      assertTrue(hybrid.recallAt5() >= 0.9, "hybrid " + hybrid);
      assertTrue(hybrid.recallAt5() >= lexical.recallAt5(), hybrid + " vs BM25 " + lexical);
      // Sentences chosen by meaning: 0.80 and 0.90 measured on 60 questions (by shared words 0.55
      // and 0.70).
      assertTrue(hybrid.citationAccuracy() >= 0.75, "citations " + hybrid);
      assertTrue(hybrid.firstCitationRight() >= 0.85, "first citations " + hybrid);
    }
  }
}
