package org.maiis.render.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.maiis.config.MaiisConfig;

/** The rendered Grafana files are the reviewed goldens, byte for byte, and stable across runs. */
class GrafanaGoldenTest {
  private static final Path GOLDENS = Path.of("src/test/resources/render/grafana");

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.maiis.render.grafana.RenderConfigs#withGoldens")
  void configMatchesGoldens(String golden, MaiisConfig config) throws IOException {
    Goldens.assertMatches(GOLDENS.resolve(golden), GrafanaRenderer.render(config));
  }

  @Test
  void renderingTwiceGivesTheSameBytes() {
    assertEquals(
        GrafanaRenderer.render(RenderConfigs.allJobs()),
        GrafanaRenderer.render(RenderConfigs.allJobs()));
  }
}
