package org.maiis.server.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The banking corpus and labelled questions of {@code bench/rag/}, and the retrieval and citation
 * measures computed over them (shared by {@code RagQualityTest} and {@code RagBench}).
 */
public final class RagCorpus {
  /**
   * A labelled question.
   *
   * @param text the question, worded unlike the documents where possible
   * @param answers the corpus file names (without .md) that answer it
   */
  public record Question(String text, Set<String> answers) {}

  /**
   * Quality of one retrieval mode over the question set.
   *
   * @param recallAt5 mean over questions of the share of answering documents in the top 5
   * @param hitAt5 share of questions with at least one answering document in the top 5
   * @param mrr mean reciprocal rank of the first answering document (0 when absent)
   * @param citationAccuracy share of the extractive answers' [n] marks that cite an answering
   *     document
   * @param firstCitationRight share of questions whose answer's first [n] cites an answering
   *     document
   */
  public record Quality(
      double recallAt5,
      double hitAt5,
      double mrr,
      double citationAccuracy,
      double firstCitationRight) {}

  private static final Pattern MARK = Pattern.compile("\\[(\\d+)]");

  /** The directory holding corpus/ and questions.tsv. */
  public final Path dir;

  /** Corpus documents by name. */
  public final Map<String, String> documents = new LinkedHashMap<>();

  /** The questions. */
  public final List<Question> questions = new ArrayList<>();

  /** Loads {@code dir}. */
  public RagCorpus(Path dir) {
    this.dir = dir;
    try (Stream<Path> files = Files.list(dir.resolve("corpus"))) {
      for (Path p : files.sorted().toList()) {
        String name = p.getFileName().toString().replaceFirst("\\.md$", "");
        documents.put(name, Files.readString(p));
      }
      for (String line : Files.readAllLines(dir.resolve("questions.tsv"))) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        questions.add(new Question(f[0], new HashSet<>(Arrays.asList(f[1].split(",")))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository's bench/rag, found from the working directory (module or repository root). */
  public static Path locate() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("bench/rag/questions.tsv"))) {
        return p.resolve("bench/rag");
      }
    }
    throw new IllegalStateException(
        "bench/rag/questions.tsv not found above the working directory");
  }

  /**
   * Measures {@code mode} for {@code user}; {@code nameOf} maps a passage's document id to its
   * corpus name.
   */
  public Quality evaluate(
      KnowledgeBase kb, String user, KnowledgeBase.Mode mode, Map<String, String> nameOf) {
    double recall = 0;
    double hits = 0;
    double mrr = 0;
    int marks = 0;
    int rightMarks = 0;
    int firstRight = 0;
    for (Question q : questions) {
      List<Passage> top = kb.search(user, q.text(), 5, mode);
      List<String> names = top.stream().map(p -> nameOf.get(p.documentId())).toList();
      Set<String> found = new HashSet<>(names);
      found.retainAll(q.answers());
      recall += (double) found.size() / q.answers().size();
      hits += found.isEmpty() ? 0 : 1;
      for (int i = 0; i < names.size(); i++) {
        if (q.answers().contains(names.get(i))) {
          mrr += 1.0 / (i + 1);
          break;
        }
      }
      Matcher m = MARK.matcher(ExtractiveAnswer.of(q.text(), top, kb.embedder()));
      boolean first = true;
      while (m.find()) {
        int n = Integer.parseInt(m.group(1));
        boolean right = n >= 1 && n <= names.size() && q.answers().contains(names.get(n - 1));
        marks++;
        rightMarks += right ? 1 : 0;
        if (first) {
          firstRight += right ? 1 : 0;
          first = false;
        }
      }
    }
    int n = questions.size();
    return new Quality(
        recall / n,
        hits / n,
        mrr / n,
        marks == 0 ? 0 : (double) rightMarks / marks,
        (double) firstRight / n);
  }
}
