package org.maiis.render.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The rendered Grafana files are the reviewed goldens, byte for byte, and stable across runs. */
class GrafanaGoldenTest {
  private static final Path GOLDENS = Path.of("src/test/resources/render/grafana");

  @Test
  void defaultConfigMatchesGoldens() throws IOException {
    Goldens.assertMatches(
        GOLDENS.resolve("default"), GrafanaRenderer.render(RenderConfigs.defaults()));
  }

  @Test
  void allJobsConfigMatchesGoldens() throws IOException {
    Goldens.assertMatches(
        GOLDENS.resolve("all-jobs"), GrafanaRenderer.render(RenderConfigs.allJobs()));
  }

  @Test
  void renderingTwiceGivesTheSameBytes() {
    assertEquals(
        GrafanaRenderer.render(RenderConfigs.allJobs()),
        GrafanaRenderer.render(RenderConfigs.allJobs()));
  }
}
