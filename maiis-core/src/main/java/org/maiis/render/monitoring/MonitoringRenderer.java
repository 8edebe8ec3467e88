package org.maiis.render.monitoring;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.maiis.config.MaiisConfig;
import org.maiis.render.Artifact;
import org.maiis.render.Artifacts;
import org.maiis.render.RenderedTree;
import org.maiis.render.Templates;
import org.maiis.render.alertmanager.AlertmanagerRenderer;
import org.maiis.render.alerts.AlertRulesRenderer;
import org.maiis.render.blackbox.BlackboxRenderer;
import org.maiis.render.compose.ComposeRenderer;
import org.maiis.render.grafana.GrafanaRenderer;
import org.maiis.render.mtail.MtailRenderer;
import org.maiis.render.prometheus.PrometheusConfigRenderer;

/** The monitoring artifacts, as {@code config render --only NAME} selects them. */
public final class MonitoringRenderer {
  private MonitoringRenderer() {}

  /** The monitoring artifacts, in rendering order. */
  public static List<Artifact> artifacts() {
    return List.of(
        new MonitoringArtifact(
            "prometheus", PrometheusConfigRenderer.PATH, PrometheusConfigRenderer::render),
        new MonitoringArtifact(
            "alerts", AlertRulesRenderer.rulesFile("availability"), AlertRulesRenderer::render),
        new MonitoringArtifact(
            "alertmanager", AlertmanagerRenderer.PATH, AlertmanagerRenderer::render),
        new MonitoringArtifact("blackbox", BlackboxRenderer.PATH, BlackboxRenderer::render),
        new MonitoringArtifact("mtail", MtailRenderer.PATH, MtailRenderer::render),
        new MonitoringArtifact("grafana", GrafanaRenderer.DATASOURCES, GrafanaRenderer::render),
        new MonitoringArtifact("compose", ComposeRenderer.FILE, ComposeRenderer::render));
  }

  /** Every monitoring file, sorted by path. */
  public static Map<String, String> renderAll(MaiisConfig config) {
    Map<String, String> files = new TreeMap<>();
    RenderedTree tree = Artifacts.render(artifacts(), config, Templates.builtIn());
    for (String path : tree.paths()) {
      files.put(path, tree.text(path));
    }
    return files;
  }
}
