package org.maiis.server.rag.embed;

/** An embedder that adds to another one: the same provider and model, warmed up with it. */
public interface EmbedderDecorator extends Embedder {
  /** The embedder it adds to. */
  Embedder inner();

  @Override
  default String provider() {
    return inner().provider();
  }

  @Override
  default String model() {
    return inner().model();
  }

  @Override
  default void warmUp() {
    inner().warmUp();
  }
}
