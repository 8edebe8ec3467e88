package org.maiis.server.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An answer made only of sentences quoted from the retrieved passages (no language model): the
 * sentences sharing the most terms with the question, each followed by the number of its source.
 */
public final class ExtractiveAnswer {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n");
  private static final int MAX_SENTENCES = 3;
  private static final int OPENING_SENTENCES = 2;

  private record Candidate(
      String sentence, int source, double score, int order, boolean wholeSentence) {}

  private ExtractiveAnswer() {}

  /** The answer text for {@code question} from {@code passages} (best first; sources 1-based). */
  public static String of(String question, List<Passage> passages) {
    Set<String> q = new HashSet<>(Terms.of(question));
    List<Candidate> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int order = 0;
    for (int p = 0; p < passages.size(); p++) {
      for (String s : SENTENCE_END.split(passages.get(p).content())) {
        String sentence = s.strip();
        // Overlapping chunks repeat sentences; quote each once.
        if (sentence.isEmpty() || !seen.add(sentence)) {
          continue;
        }
        List<String> terms = Terms.of(sentence);
        long shared = terms.stream().distinct().filter(q::contains).count();
        if (shared > 0) {
          // Passage rank breaks ties so the best passage's sentence comes first.
          double score = shared + passages.get(p).score() / 1000.0;
          candidates.add(
              new Candidate(sentence, p + 1, score, order++, sentence.matches("(?s).*[.!?]$")));
        }
      }
    }
    if (candidates.isEmpty() && !passages.isEmpty()) {
      // Retrieval found the best passage by meaning (a paraphrase: "account goes negative" for
      // "overdraft") though no sentence shares a word with the question: quote its opening rather
      // than answer nothing while citing it.
      return opening(passages.get(0).content());
    }
    // Headings and other fragments are quoted only when no whole sentence matches (OCR lines).
    boolean anyWhole = candidates.stream().anyMatch(Candidate::wholeSentence);
    List<Candidate> best =
        candidates.stream()
            .filter(c -> c.wholeSentence() || !anyWhole)
            .sorted(Comparator.comparingDouble(Candidate::score).reversed())
            .limit(MAX_SENTENCES)
            .sorted(Comparator.comparingInt(Candidate::order))
            .toList();
    StringBuilder out = new StringBuilder();
    for (Candidate c : best) {
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
