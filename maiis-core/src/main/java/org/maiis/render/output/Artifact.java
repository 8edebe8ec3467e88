package org.maiis.render.output;

import java.util.List;
import org.maiis.config.MaiisConfig;

/**
 * One kind of rendered output (nginx, and later Prometheus, alert rules, Grafana...). Each is a
 * {@code --only} target of {@code maiis config render}.
 */
public interface Artifact {

  /** The short name used by {@code --only} and {@code --stdout}, such as {@code nginx}. */
  String name();

  /** The path in the tree that {@code --stdout NAME} prints, such as {@code nginx/nginx.conf}. */
  String mainFile();

  /**
   * Renders every file of this artifact in memory.
   *
   * @throws RenderException when a template is missing or broken
   */
  RenderedTree render(MaiisConfig config, Templates templates);

  /** Renders {@code artifacts} into one tree, in memory, in order; they must not share a path. */
  static RenderedTree renderAll(
      List<? extends Artifact> artifacts, MaiisConfig config, Templates templates) {
    RenderedTree tree = RenderedTree.empty();
    for (Artifact a : artifacts) {
      tree = tree.plus(a.render(config, templates));
    }
    return tree;
  }
}
