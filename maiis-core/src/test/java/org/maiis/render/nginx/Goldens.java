package org.maiis.render.nginx;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/** The golden variants under src/test/resources/render/nginx/: VARIANT/maiis.yaml and expected/. */
final class Goldens {
  static final List<String> VARIANTS = List.of("default", "production", "modern", "nginx-1.27");

  private Goldens() {}

  static Path dir(String variant) {
    try {
      return Path.of(Goldens.class.getResource("/render/nginx/" + variant + "/maiis.yaml").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static MaiisConfig config(String variant) {
    return new ConfigLoader(Map.<String, String>of()::get).load(dir(variant).resolve("maiis.yaml"));
  }

  static RenderedTree render(String variant) {
    return new NginxArtifact(NginxRuntime.SYSTEM).render(config(variant), Templates.builtIn());
  }

  /** The source directory of the variant, for regenerating goldens with -Dmaiis.golden.update. */
  static Path sourceDir(String variant) {
    return Path.of("src/test/resources/render/nginx", variant);
  }

  static void update(String variant, RenderedTree tree) throws IOException {
    Path expected = sourceDir(variant).resolve("expected");
    if (Files.exists(expected)) {
      try (var walk = Files.walk(expected)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    tree.writeTo(expected);
  }
}
