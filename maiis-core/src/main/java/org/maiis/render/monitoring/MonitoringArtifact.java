package org.maiis.render.monitoring;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.maiis.config.MaiisConfig;
import org.maiis.render.output.Artifact;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/**
 * A monitoring artifact (Prometheus, alert rules, Alertmanager, ...). The YAML and JSON ones are
 * generated from data structures rather than templates, so they are valid by construction; the
 * mtail program, which is neither, comes from a template.
 *
 * <p>The canonical constructor makes an artifact rendered from templates (overridable with {@code
 * --templates DIR}).
 *
 * @param name the artifact's name
 * @param mainFile the file {@code --stdout} prints
 * @param renderer the rendered files by path, from the config and the templates
 */
public record MonitoringArtifact(
    String name, String mainFile, BiFunction<MaiisConfig, Templates, Map<String, String>> renderer)
    implements Artifact {

  /** An artifact named {@code name} whose {@code --stdout} file is {@code mainFile}. */
  public MonitoringArtifact(
      String name, String mainFile, Function<MaiisConfig, Map<String, String>> renderer) {
    this(name, mainFile, (config, templates) -> renderer.apply(config));
  }

  @Override
  public RenderedTree render(MaiisConfig config, Templates templates) {
    RenderedTree tree = RenderedTree.empty();
    for (Map.Entry<String, String> f :
        new java.util.TreeMap<>(renderer.apply(config, templates)).entrySet()) {
      tree = tree.with(f.getKey(), f.getValue());
    }
    return tree;
  }
}
