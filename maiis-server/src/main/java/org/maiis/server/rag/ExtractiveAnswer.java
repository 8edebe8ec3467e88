package org.maiis.server.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.embed.EmbeddingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer made only of sentences quoted from the retrieved passages (no language model), each
 * followed by the number of its source. With an embedder the sentences are chosen by meaning
 * (cosine similarity to the question, plus the share of the question's terms they contain), so
 * "someone took money from my account" quotes the dispute sentence rather than one that merely says
 * "account"; without one, or when it fails, by the terms they share with the question.
 */
public final class ExtractiveAnswer {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractiveAnswer.class);
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n");
  private static final int MAX_SENTENCES = 3;
  private static final int OPENING_SENTENCES = 2;
  // Weight of the share of question terms a sentence contains, next to its cosine similarity:
  // an exact figure or name asked for ("SWIFT", "PIN") still counts, meaning decides the rest.
  private static final double LEXICAL_WEIGHT = 0.2;
  // Further sentences are quoted only when nearly as good as the best one.
  private static final double MARGIN = 0.05;
  // When no sentence reaches this cosine + LEXICAL_WEIGHT x share of the question's terms, nothing
  // retrieved is about the question ("who won the football last night?" against a bank's policies
  // scores 0.06, every banking question of the bench over 0.2): the answer is empty rather than a
  // confident-looking quote on another subject. The term share keeps a garbled voice transcript
  // that names the passage's words ("... those young man") answered.
  static final double MIN_SCORE = 0.15;
  // Candidate sentences embedded at most (5 passages of 500 characters hold ~30).
  private static final int MAX_CANDIDATES = 120;

  // vector: the sentence's vector stored at ingest, null when it must be embedded now.
  private record Candidate(
      String sentence, int source, double score, int order, boolean wholeSentence, float[] vector) {
    Candidate(String sentence, int source, double score, int order, boolean wholeSentence) {
      this(sentence, source, score, order, wholeSentence, null);
    }
  }

  private ExtractiveAnswer() {}

  /**
   * The answer text for {@code question} from {@code passages} (best first; sources 1-based),
   * sentences chosen by meaning with {@code embedder}, by shared terms when it fails; empty when no
   * sentence is about the question (score under {@link #MIN_SCORE}).
   */
  public static String of(String question, List<Passage> passages, Embedder embedder) {
    return of(question, null, passages, embedder);
  }

  /**
   * Like {@link #of(String, List, Embedder)} with the question's vector already known (retrieval
   * embedded it; null: embed it here). Sentences whose vectors were stored at ingest ({@link
   * Passage#sentenceVectors()}) are not embedded again, so a question over passages ingested with
   * them costs no embedding at all.
   */
  public static String of(
      String question, float[] questionVector, List<Passage> passages, Embedder embedder) {
    List<Candidate> sentences = sentences(passages, (sentence, passage) -> 0);
    if (sentences.isEmpty()) {
      return "";
    }
    List<Candidate> pool = sentences.subList(0, Math.min(MAX_CANDIDATES, sentences.size()));
    List<String> texts = new ArrayList<>();
    if (questionVector == null) {
      texts.add(question);
    }
    pool.stream().filter(c -> c.vector() == null).forEach(c -> texts.add(c.sentence()));
    List<float[]> embedded;
    try {
      embedded = texts.isEmpty() ? List.of() : embedder.embed(texts);
    } catch (EmbeddingException e) {
      LOG.warn("sentence embedding failed, quoting by shared terms: {}", e.getMessage());
      return of(question, passages);
    }
    int next = 0;
    float[] qv = questionVector == null ? embedded.get(next++) : questionVector;
    List<float[]> vs = new ArrayList<>(pool.size());
    for (Candidate c : pool) {
      vs.add(c.vector() != null ? c.vector() : embedded.get(next++));
    }
    Set<String> q = new HashSet<>(Terms.of(question));
    List<Set<String>> terms = new ArrayList<>(pool.size());
    Map<String, Integer> df = new HashMap<>();
    for (Candidate c : pool) {
      Set<String> t = new HashSet<>(Terms.of(c.sentence()));
      t.retainAll(q);
      t.forEach(term -> df.merge(term, 1, Integer::sum));
      terms.add(t);
    }
    // A question term weighs by its rarity among the candidates: "account" in a bank's passages
    // says little, "SWIFT" or "PIN" much.
    Map<String, Double> weight = new HashMap<>();
    double total = 0;
    for (String t : q) {
      double w = Math.log((pool.size() + 1.0) / (df.getOrDefault(t, 0) + 0.5));
      weight.put(t, w);
      total += w;
    }
    List<Candidate> scored = new ArrayList<>(pool.size());
    double relevance = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < pool.size(); i++) {
      Candidate c = pool.get(i);
      double cosine = dot(qv, vs.get(i));
      // Whether anything is about the question counts every shared term alike ...
      relevance =
          Math.max(
              relevance, cosine + LEXICAL_WEIGHT * terms.get(i).size() / Math.max(1, q.size()));
      // ... which sentence answers it weighs them by rarity.
      double sharedWeight = terms.get(i).stream().mapToDouble(weight::get).sum();
      double lexical = total <= 0 ? 0 : sharedWeight / total;
      double score = cosine + LEXICAL_WEIGHT * lexical;
      scored.add(new Candidate(c.sentence(), c.source(), score, c.order(), c.wholeSentence()));
    }
    boolean anyWhole = scored.stream().anyMatch(Candidate::wholeSentence);
    List<Candidate> ranked =
        scored.stream()
            .filter(c -> c.wholeSentence() || !anyWhole)
            .sorted(
                Comparator.comparingDouble(Candidate::score)
                    .reversed()
                    .thenComparingInt(Candidate::order))
            .toList();
    if (relevance < MIN_SCORE) {
      return "";
    }
    double best = ranked.get(0).score();
    // Best first: the opening sentence is the one that answers.
    return cite(
        ranked.stream().filter(c -> c.score() >= best - MARGIN).limit(MAX_SENTENCES).toList());
  }

  /**
   * The answer text for {@code question} from {@code passages} (best first; sources 1-based): the
   * sentences sharing the most terms with the question, in reading order.
   */
  public static String of(String question, List<Passage> passages) {
    Set<String> q = new HashSet<>(Terms.of(question));
    List<Candidate> candidates =
        sentences(passages, (sentence, passage) -> shared(q, sentence)).stream()
            // Passage rank breaks ties so the best passage's sentence comes first.
            .filter(c -> c.score() > 0)
            .map(
                c ->
                    new Candidate(
                        c.sentence(),
                        c.source(),
                        c.score() + passages.get(c.source() - 1).score() / 1000.0,
                        c.order(),
                        c.wholeSentence()))
            .toList();
    if (candidates.isEmpty() && !passages.isEmpty()) {
      // Retrieval found the best passage by meaning (a paraphrase: "account goes negative" for
      // "overdraft") though no sentence shares a word with the question: quote its opening rather
      // than answer nothing while citing it.
      return opening(passages.get(0).content());
    }
    // Headings and other fragments are quoted only when no whole sentence matches (OCR lines).
    boolean anyWhole = candidates.stream().anyMatch(Candidate::wholeSentence);
    return cite(
        candidates.stream()
            .filter(c -> c.wholeSentence() || !anyWhole)
            .sorted(Comparator.comparingDouble(Candidate::score).reversed())
            .limit(MAX_SENTENCES)
            .sorted(Comparator.comparingInt(Candidate::order))
            .toList());
  }

  private interface Scorer {
    double score(String sentence, Passage passage);
  }

  // Every sentence of the passages once (overlapping chunks repeat sentences), in reading order,
  // with its vector when the passage brought one per sentence.
  private static List<Candidate> sentences(List<Passage> passages, Scorer scorer) {
    List<Candidate> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int p = 0; p < passages.size(); p++) {
      Passage passage = passages.get(p);
      List<String> split = split(passage.content());
      List<float[]> stored = passage.sentenceVectors();
      boolean vectors = stored.size() == split.size();
      for (int i = 0; i < split.size(); i++) {
        String sentence = split.get(i);
        if (!seen.add(sentence)) {
          continue;
        }
        out.add(
            new Candidate(
                sentence,
                p + 1,
                scorer.score(sentence, passage),
                out.size(),
                sentence.matches("(?s).*[.!?]$"),
                vectors ? stored.get(i) : null));
      }
    }
    return out;
  }

  /**
   * The sentences of a chunk as answers quote them (stripped, none empty), in order: the knowledge
   * base stores one vector per sentence of this list at ingest.
   */
  public static List<String> split(String content) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(content)) {
      String sentence = s.strip();
      if (!sentence.isEmpty()) {
        out.add(sentence);
      }
    }
    return out;
  }

  private static long shared(Set<String> questionTerms, String sentence) {
    return Terms.of(sentence).stream().distinct().filter(questionTerms::contains).count();
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static String cite(List<Candidate> quoted) {
    StringBuilder out = new StringBuilder();
    for (Candidate c : quoted) {
      out.append(out.length() == 0 ? "" : " ")
          .append(c.sentence())
          .append(" [")
          .append(c.source())
          .append(']');
    }
    return out.toString();
  }

  /** The first whole sentences of the best passage (its fragments when it has none), cited [1]. */
  private static String opening(String passage) {
    List<String> whole = new ArrayList<>();
    List<String> fragments = new ArrayList<>();
    for (String s : SENTENCE_END.split(passage)) {
      String sentence = s.strip();
      if (!sentence.isEmpty()) {
        (sentence.matches("(?s).*[.!?]$") ? whole : fragments).add(sentence);
      }
    }
    List<String> quoted = whole.isEmpty() ? fragments : whole;
    StringBuilder out = new StringBuilder();
    for (String sentence : quoted.subList(0, Math.min(OPENING_SENTENCES, quoted.size()))) {
      out.append(out.length() == 0 ? "" : " ").append(sentence).append(" [1]");
    }
    return out.toString();
  }
}
