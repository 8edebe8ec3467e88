package org.maiis.server.rag.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LocalEmbedderTest {
  /** DJL's tokenizer reports the EC2 instance it runs on to AWS unless opted out. */
  @Test
  void loadingTheModelOptsOutOfDjlUsageTracking() {
    String before = System.clearProperty("OPT_OUT_TRACKING");
    try {
      LocalEmbedder embedder = new LocalEmbedder();
      embedder.warmUp();
      assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
      assertEquals(LocalEmbedder.DIMENSIONS, embedder.embed("opening hours").length);
    } finally {
      if (before == null) {
        System.clearProperty("OPT_OUT_TRACKING");
      } else {
        System.setProperty("OPT_OUT_TRACKING", before);
      }
    }
  }
}
