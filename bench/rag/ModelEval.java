import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Run by bench/rag-models.sh: how well one embedding model relates bench/rag/planted.py's
 * questions to their planted sentences, by vectors alone. Every sentence of the corpus is embedded
 * (one ONNX thread, as the server's workers do); for each question it prints where the planted
 * sentence ranks among all sentences and where its file ranks (files by their best sentence).
 *
 * <p>java -cp CLASSPATH bench/rag/ModelEval.java GEN_DIR MODEL
 */
public class ModelEval {
  /** A model packaged by langchain4j: its resources, pooling and the prefixes it was trained with. */
  record Model(String onnx, PoolingMode pooling, String queryPrefix, String passagePrefix) {}

  static final Map<String, Model> MODELS =
      Map.of(
          "all-minilm-l6-v2-q", new Model("all-minilm-l6-v2-q", PoolingMode.MEAN, "", ""),
          "e5-small-v2-q", new Model("e5-small-v2-q", PoolingMode.MEAN, "query: ", "passage: "),
          "bge-small-en-v1.5-q",
              new Model(
                  "bge-small-en-v1.5-q",
                  PoolingMode.CLS,
                  "Represent this sentence for searching relevant passages: ",
                  ""),
          "bge-small-en-v1.5",
              new Model(
                  "bge-small-en-v1.5",
                  PoolingMode.CLS,
                  "Represent this sentence for searching relevant passages: ",
                  ""));

  public static void main(String[] args) throws Exception {
    Path gen = Path.of(args[0]);
    Model model = MODELS.get(args[1]);
    EmbeddingModel m = load(model);
    List<String> sentences = new ArrayList<>();
    List<String> files = new ArrayList<>();
    // The sentence split of planted.py, so the planted fact is one sentence.
    Pattern split = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    try (var listing = Files.list(gen.resolve("corpus"))) {
      for (Path f : listing.sorted().toList()) {
        for (String s : split.split(Files.readString(f))) {
          s = s.strip();
          if (s.length() > 30 && !s.startsWith("#")) {
            sentences.add(s);
            files.add(f.getFileName().toString());
          }
        }
      }
    }
    long t0 = System.nanoTime();
    List<float[]> vectors = new ArrayList<>();
    for (String s : sentences) {
      vectors.add(embed(m, model.passagePrefix() + s));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int top1 = 0, top10 = 0, top50 = 0, fileTop1 = 0, fileTop5 = 0;
    for (String line : Files.readAllLines(gen.resolve("planted.tsv"))) {
      String[] q = line.split("\t"); // question, file, a phrase of the fact
      float[] qv = embed(m, model.queryPrefix() + q[0]);
      double[] score = new double[vectors.size()];
      double fact = Double.NaN;
      Map<String, Double> bestOfFile = new HashMap<>();
      for (int i = 0; i < score.length; i++) {
        score[i] = cosine(qv, vectors.get(i));
        bestOfFile.merge(files.get(i), score[i], Math::max);
        if (files.get(i).equals(q[1]) && sentences.get(i).contains(q[2])) {
          fact = score[i];
        }
      }
      int rank = 1 + countAbove(score, fact);
      int fileRank =
          1
              + countAbove(
                  bestOfFile.values().stream().mapToDouble(Double::doubleValue).toArray(),
                  bestOfFile.get(q[1]));
      top1 += rank == 1 ? 1 : 0;
      top10 += rank <= 10 ? 1 : 0;
      top50 += rank <= 50 ? 1 : 0;
      fileTop1 += fileRank == 1 ? 1 : 0;
      fileTop5 += fileRank <= 5 ? 1 : 0;
      System.err.printf("  %s: fact sentence rank %d (cosine %.3f), file rank %d%n", q[0], rank, fact, fileRank);
    }
    System.out.printf(
        "| %s | %d / %d / %d | %d / %d | %.0f |%n",
        args[1], top1, top10, top50, fileTop1, fileTop5, sentences.size() / seconds);
  }

  // The packaged ONNX file and tokenizer in a one-thread session, as the server loads its model.
  static EmbeddingModel load(Model model) throws Exception {
    ClassLoader cl = ModelEval.class.getClassLoader();
    try (InputStream onnx = cl.getResourceAsStream(model.onnx() + ".onnx");
        InputStream tokenizer = cl.getResourceAsStream(model.onnx() + "-tokenizer.json");
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OnnxBertBiEncoder encoder =
          new OnnxBertBiEncoder(
              env, env.createSession(onnx.readAllBytes(), options), tokenizer, model.pooling());
      return new AbstractInProcessEmbeddingModel(Runnable::run) {
        @Override
        protected OnnxBertBiEncoder model() {
          return encoder;
        }

        @Override
        protected Integer knownDimension() {
          return 384;
        }
      };
    }
  }

  static float[] embed(EmbeddingModel m, String text) {
    return m.embed(TextSegment.from(text)).content().vector();
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  static int countAbove(double[] values, double x) {
    int n = 0;
    for (double v : values) {
      n += v > x ? 1 : 0;
    }
    return n;
  }
}
