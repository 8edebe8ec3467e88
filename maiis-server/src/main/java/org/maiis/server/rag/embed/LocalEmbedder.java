package org.maiis.server.rag.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) in process through ONNX Runtime: no service to run.
 * The model (~23 MB, ~1 s to load, ~200 MB resident) is loaded on first use, once. ONNX Runtime and
 * the DJL tokenizer extract their native libraries under the temp dir and {@code DJL_CACHE_DIR}
 * (default {@code ~/.djl.ai}).
 */
public final class LocalEmbedder implements Embedder {
  /** The model name stored with its vectors. */
  public static final String MODEL = "all-minilm-l6-v2-q";

  /** Its vector size. */
  public static final int DIMENSIONS = 384;

  private volatile EmbeddingModel model;

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
          // Embeds in the calling thread: the server's request threads are the parallelism.
          m = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
          model = m;
        }
      }
    }
    return m;
  }
}
