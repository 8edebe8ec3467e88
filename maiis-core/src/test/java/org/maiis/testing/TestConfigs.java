package org.maiis.testing;

/** Config texts that several test classes share. */
public final class TestConfigs {
  private TestConfigs() {}

  /** The monitoring.jobs block (indented under monitoring:) enabling every scrape job. */
  public static final String EVERY_JOB =
      """
        jobs:
          node: {enabled: true}
          postgres: {enabled: true}
          redis: {enabled: true}
          qdrant: {enabled: true}
          minio: {enabled: true}
          nginx: {enabled: true}
          cadvisor: {enabled: true}
          blackbox: {enabled: true}
          mtail: {enabled: true}
      """;

  /** A server block configuring Qdrant and Ollama, so their probes exist. */
  public static final String REMOTE_AI =
      """
      server:
        llm: {ollama_url: "http://127.0.0.1:11434"}
        vector_store: {qdrant_url: "http://127.0.0.1:6333"}
      """;

  /**
   * The nginx listen line (indented under {@code nginx:}) of a front on loopback: HTTPS on {@code
   * https}, HTTP and the status server on free ports.
   */
  public static String loopbackListen(int https) {
    return "  listen: {http: "
        + LoopbackPorts.free()
        + ", https: "
        + https
        + ", status: "
        + LoopbackPorts.free()
        + ", addresses: [127.0.0.1]}";
  }

  /** Every metric source enabled: every alert and panel is rendered. */
  public static final String EVERY_SOURCE = "monitoring:\n" + EVERY_JOB + REMOTE_AI;
}
