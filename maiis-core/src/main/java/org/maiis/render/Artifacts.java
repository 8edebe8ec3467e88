package org.maiis.render;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.maiis.config.MaiisConfig;
import org.maiis.render.monitoring.MonitoringRenderer;
import org.maiis.render.nginx.NginxArtifact;
import org.maiis.render.nginx.NginxRuntime;
import org.maiis.render.output.Artifact;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/** The artifacts {@code maiis config render} knows, and rendering a selection of them. */
public final class Artifacts {
  private final List<Artifact> all;

  /** A set of artifacts, in rendering order. */
  public Artifacts(List<Artifact> all) {
    this.all = List.copyOf(all);
  }

  /** Every built-in artifact, rendered for a system-wide install. */
  public static Artifacts standard() {
    return standard(NginxRuntime.SYSTEM);
  }

  /** Every built-in artifact, nginx rendered for {@code nginxRuntime}. */
  public static Artifacts standard(NginxRuntime nginxRuntime) {
    List<Artifact> all = new ArrayList<>();
    all.add(new NginxArtifact(nginxRuntime));
    all.addAll(MonitoringRenderer.artifacts());
    return new Artifacts(all);
  }

  /** The names, in order. */
  public List<String> names() {
    return all.stream().map(Artifact::name).toList();
  }

  /**
   * The artifacts named in {@code only}, or all when {@code only} is empty.
   *
   * @throws IllegalArgumentException naming an unknown artifact and listing the known ones
   */
  public List<Artifact> select(List<String> only) {
    if (only.isEmpty()) {
      return all;
    }
    List<Artifact> chosen = new ArrayList<>();
    for (String name : only) {
      Artifact a =
          all.stream()
              .filter(x -> x.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown artifact '"
                              + name
                              + "' (known: "
                              + all.stream().map(Artifact::name).collect(Collectors.joining(", "))
                              + ")"));
      if (!chosen.contains(a)) {
        chosen.add(a);
      }
    }
    return chosen;
  }

  /** Renders every artifact of this set into one tree, in memory. */
  public RenderedTree renderAll(MaiisConfig config, Templates templates) {
    return render(all, config, templates);
  }

  /** Renders {@code artifacts} into one tree, in memory. */
  public static RenderedTree render(
      List<Artifact> artifacts, MaiisConfig config, Templates templates) {
    return Artifact.renderAll(artifacts, config, templates);
  }
}
