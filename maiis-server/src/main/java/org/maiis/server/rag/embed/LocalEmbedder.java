package org.maiis.server.rag.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) in process through ONNX Runtime: no service to run.
 * The model (~23 MB, ~1 s to load, ~200 MB resident) is loaded on first use, once. ONNX Runtime and
 * the DJL tokenizer extract their native libraries under the temp dir and {@code DJL_CACHE_DIR}
 * (default {@code ~/.djl.ai}).
 *
 * <p>Each call runs on the calling thread with at most {@code threads} ONNX Runtime threads (its
 * default is one per core): a question or an ingest cannot take every core from the rest of the
 * server. On 2 busy cores, 1 thread embedded as fast as ONNX Runtime's default
 * (docs/BENCHMARKS.md).
 */
public final class LocalEmbedder implements Embedder {
  /** The model name stored with its vectors. */
  public static final String MODEL = "all-minilm-l6-v2-q";

  /** Its vector size. */
  public static final int DIMENSIONS = 384;

  private static final String DJL_OPT_OUT = "OPT_OUT_TRACKING";

  private final int threads;
  private volatile EmbeddingModel model;

  /** The model on one ONNX Runtime thread per call. */
  public LocalEmbedder() {
    this(1);
  }

  /** The model on at most {@code threads} ONNX Runtime threads per call. */
  public LocalEmbedder(int threads) {
    this.threads = threads;
  }

  @Override
  public String provider() {
    return "local";
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    List<Embedding> embeddings;
    try {
      embeddings = loaded().embedAll(segments).content();
    } catch (RuntimeException | LinkageError e) {
      throw new EmbeddingException("the local embedding model failed: " + e, e);
    }
    List<float[]> out = new ArrayList<>(embeddings.size());
    for (Embedding e : embeddings) {
      out.add(Embedder.normalize(e.vector()));
    }
    return out;
  }

  /** Loads the model now (at startup, so the first query does not pay for it). */
  @Override
  public void warmUp() {
    loaded();
  }

  private EmbeddingModel loaded() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = load(threads);
          model = m;
        }
      }
    }
    return m;
  }

  // The packaged model and tokenizer, in a session whose intra-op threads are bounded (the
  // packaged class offers no way to set them).
  private static EmbeddingModel load(int threads) {
    // DJL's tokenizer reports the EC2 instance it runs on to AWS unless told not to: a bank's
    // server does not phone home (an operator can still opt in with the environment variable).
    if (System.getProperty(DJL_OPT_OUT) == null) {
      System.setProperty(DJL_OPT_OUT, "true");
    }
    try (InputStream onnx = resource("all-minilm-l6-v2-q.onnx");
        InputStream tokenizer = resource("all-minilm-l6-v2-q-tokenizer.json");
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession session = env.createSession(onnx.readAllBytes(), options);
      OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
      // Embeds in the calling thread: the server's request and worker threads are the parallelism.
      return new AbstractInProcessEmbeddingModel(Runnable::run) {
        @Override
        protected OnnxBertBiEncoder model() {
          return encoder;
        }

        @Override
        protected Integer knownDimension() {
          return DIMENSIONS;
        }
      };
    } catch (IOException | OrtException e) {
      throw new EmbeddingException("the local embedding model could not be loaded: " + e, e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/" + name);
    if (in == null) {
      throw new IOException(name + " is missing from the classpath");
    }
    return in;
  }
}
