package org.maiis.server.rag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.maiis.server.rag.embed.LocalEmbedder;
import org.maiis.server.rag.index.EmbeddedVectorStore;
import org.maiis.server.rag.index.VectorHit;

/**
 * The RAG bench behind {@code bench/rag.sh}: retrieval quality over the labelled banking corpus
 * (BM25 alone, vector alone, hybrid), then ingest rate and query latency at {@code CHUNKS} chunks
 * with exact search and with the HNSW index. Prints markdown for docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code RagBench <work dir> [chunks] [queries]}.
 */
public final class RagBench {
  private RagBench() {}

  /** Runs the bench. */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int queries = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    RagCorpus corpus = new RagCorpus(RagCorpus.locate());
    LocalEmbedder embedder = new LocalEmbedder();
    long t0 = System.nanoTime();
    embedder.warmUp();
    System.out.printf(Locale.ROOT, "model load: %.2f s%n%n", (System.nanoTime() - t0) / 1e9);
    System.err.println("progress: retrieval quality over the corpus (BM25, vectors, hybrid)");
    quality(corpus, embedder, work.resolve("quality"));
    if (chunks > 0) {
      System.err.printf("progress: ingest of %d chunks, then %d queries%n", chunks, queries);
      scale(corpus, embedder, work.resolve("scale"), chunks, queries);
    }
  }

  private static void quality(RagCorpus corpus, LocalEmbedder embedder, Path dir) {
    try (KbFixture f = new KbFixture(dir)) {
      KnowledgeBase kb = f.exactKnowledgeBase(embedder, dir.resolve("v"));
      String admin = f.user();
      String customer = f.user();
      KbFixture.Shared shared = f.ingestShared(kb, admin, corpus.documents);
      Map<String, String> nameOf = shared.nameOf();
      System.out.printf(
          Locale.ROOT,
          "quality: %d documents, %d chunks, %d questions%n%n",
          corpus.documents.size(),
          shared.chunks(),
          corpus.questions.size());
      System.out.println(
          "| retrieval | recall@5 | hit@5 | MRR | citation accuracy ([n] marks) | first citation right |");
      System.out.println("|---|---|---|---|---|---|");
      for (KnowledgeBase.Mode mode : KnowledgeBase.Mode.values()) {
        RagCorpus.Quality q = corpus.evaluate(kb, customer, mode, nameOf);
        System.out.printf(
            Locale.ROOT,
            "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
            mode.name().toLowerCase(Locale.ROOT),
            q.recallAt5(),
            q.hitAt5(),
            q.mrr(),
            q.citationAccuracy(),
            q.firstCitationRight());
      }
      System.out.println();
    }
  }

  private static void scale(
      RagCorpus corpus, LocalEmbedder embedder, Path dir, int chunks, int queries)
      throws Exception {
    List<String> sentences = new ArrayList<>();
    for (String doc : corpus.documents.values()) {
      for (String s : doc.split("(?<=[.!?])\\s+|\\n+")) {
        if (s.strip().length() > 30 && !s.startsWith("#")) {
          sentences.add(s.strip());
        }
      }
    }
    Random rnd = new Random(42);
    try (KbFixture f = new KbFixture(dir)) {
      EmbeddedVectorStore exact =
          new EmbeddedVectorStore(f.tx, embedder.model(), dir.resolve("exact"), Integer.MAX_VALUE);
      KnowledgeBase kb = new KnowledgeBase(f.tx, embedder, exact, RagMetrics.NONE);
      String admin = f.user();
      String customer = f.user();
      // A work dir from an earlier run keeps its chunks: only latency is measured again.
      int stored = (int) f.count("SELECT COUNT(*) FROM document_chunks WHERE scope = ?", "shared");
      boolean reused = stored >= chunks;
      long start = System.nanoTime();
      while (stored < chunks) {
        // ~4 chunks per document: corpus sentences with their figures changed, so every chunk is
        // distinct but reads like bank policy.
        StringBuilder text = new StringBuilder("# Policy note " + rnd.nextInt(100_000) + "\n");
        while (text.length() < 1_800) {
          String s = sentences.get(rnd.nextInt(sentences.size()));
          text.append(s.replaceAll("\\d+", Integer.toString(1 + rnd.nextInt(900)))).append(' ');
        }
        String id = f.document(admin, "note.md");
        int before = stored;
        stored += f.ingest(kb, id, KnowledgeBase.SHARED, text.toString());
        // bench/rag.sh passes these lines through: the ingest takes minutes at 10,000 chunks.
        if (stored / 1000 > before / 1000) {
          System.err.printf(
              Locale.ROOT,
              "progress: ingested %d of %d chunks (%.0f s)%n",
              stored,
              chunks,
              (System.nanoTime() - start) / 1e9);
        }
      }
      double ingestSeconds = (System.nanoTime() - start) / 1e9;
      if (reused) {
        System.out.printf("ingest: %d chunks reused from an earlier run%n%n", stored);
      } else {
        System.out.printf(
            Locale.ROOT,
            "ingest: %d chunks in %.1f s = %.1f chunks/s (chunking, embedding, database; one"
                + " thread)%n%n",
            stored,
            ingestSeconds,
            stored / ingestSeconds);
      }

      List<String> qs = new ArrayList<>();
      for (int i = 0; i < queries; i++) {
        qs.add(corpus.questions.get(i % corpus.questions.size()).text());
      }
      List<float[]> qv = embedder.embed(qs);
      List<String> scopes = List.of(customer, KnowledgeBase.SHARED);

      exact.sync();
      double[] exactVec = time(qs.size(), i -> exact.search(qv.get(i), scopes, 5));
      double[] exactFull = time(qs.size(), i -> kb.search(customer, qs.get(i), 5));
      // What POST /api/chat/message runs without a language model: the query, then the sentences
      // of the 5 passages embedded to choose the quote.
      double[] exactAnswer =
          time(
              qs.size(),
              i -> ExtractiveAnswer.of(qs.get(i), kb.search(customer, qs.get(i), 5), embedder));
      List<List<VectorHit>> truth = new ArrayList<>();
      for (float[] v : qv) {
        truth.add(exact.search(v, scopes, 5));
      }
      exact.close();

      // Always built afresh, so its build time is measured.
      Path hnswDir = dir.resolve("hnsw");
      if (Files.exists(hnswDir)) {
        try (Stream<Path> files = Files.walk(hnswDir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      EmbeddedVectorStore hnsw = new EmbeddedVectorStore(f.tx, embedder.model(), hnswDir, 1);
      long b = System.nanoTime();
      hnsw.sync();
      double build = (System.nanoTime() - b) / 1e9;
      KnowledgeBase kbHnsw = new KnowledgeBase(f.tx, embedder, hnsw, RagMetrics.NONE);
      double[] hnswVec = time(qs.size(), i -> hnsw.search(qv.get(i), scopes, 5));
      double[] hnswFull = time(qs.size(), i -> kbHnsw.search(customer, qs.get(i), 5));
      double overlap = 0;
      for (int i = 0; i < qv.size(); i++) {
        Set<String> t = keys(truth.get(i));
        Set<String> h = keys(hnsw.search(qv.get(i), scopes, 5));
        h.retainAll(t);
        overlap += (double) h.size() / Math.max(1, t.size());
      }
      hnsw.close();
      System.out.printf(
          Locale.ROOT,
          "HNSW build from the table: %.1f s; HNSW recall@5 against exact: %.3f%n%n",
          build,
          overlap / qv.size());
      System.out.printf(
          Locale.ROOT, "| %d chunks, %d queries | p50 ms | p95 ms |%n", stored, qs.size());
      System.out.println("|---|---|---|");
      row("vector search, exact", exactVec);
      row("vector search, HNSW", hnswVec);
      row("hybrid query (embed + BM25 + vector + fusion), exact", exactFull);
      row("hybrid query + extractive answer (sentences embedded), exact", exactAnswer);
      row("hybrid query (embed + BM25 + vector + fusion), HNSW", hnswFull);
    }
  }

  private static Set<String> keys(List<VectorHit> hits) {
    Set<String> out = new HashSet<>();
    hits.forEach(h -> out.add(h.documentId() + "#" + h.chunkIndex()));
    return out;
  }

  private interface Query {
    Object run(int i);
  }

  // Warm-up round, then each query once, timed.
  private static double[] time(int n, Query q) {
    for (int i = 0; i < Math.min(n, 20); i++) {
      q.run(i);
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      q.run(i);
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void row(String what, double[] sorted) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %.1f |%n",
        what,
        sorted[(int) Math.floor(0.50 * (sorted.length - 1))],
        sorted[(int) Math.ceil(0.95 * (sorted.length - 1))]);
  }
}
