package org.maiis.render.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.maiis.config.MaiisConfig;
import org.maiis.metrics.MetricCatalog;
import org.maiis.render.alertmanager.AlertmanagerRenderer;
import org.maiis.render.alerts.AlertCatalog;
import org.maiis.render.alerts.AlertRulesRenderer;
import org.maiis.render.alerts.RecordingRules;
import org.maiis.render.blackbox.BlackboxRenderer;
import org.maiis.render.compose.ComposeRenderer;
import org.maiis.render.grafana.Dashboard;
import org.maiis.render.grafana.Dashboards;
import org.maiis.render.grafana.GrafanaRenderer;
import org.maiis.render.mtail.MtailRenderer;
import org.maiis.render.output.Artifact;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;
import org.maiis.render.prometheus.PrometheusConfigRenderer;

/** The monitoring artifacts, as {@code config render --only NAME} selects them. */
public final class MonitoringRenderer {
  private MonitoringRenderer() {}

  /** The monitoring artifacts, in rendering order. */
  public static List<Artifact> artifacts() {
    return List.of(
        new MonitoringArtifact(
            "prometheus", PrometheusConfigRenderer.PATH, PrometheusConfigRenderer::render),
        // Through the metric check, like the dashboards: an alert on a metric nothing exports
        // fails the render instead of sitting silent in production.
        new MonitoringArtifact(
            "alerts", AlertRulesRenderer.rulesFile("availability"), MonitoringRenderer::alerts),
        new MonitoringArtifact(
            "alertmanager", AlertmanagerRenderer.PATH, AlertmanagerRenderer::render),
        new MonitoringArtifact("blackbox", BlackboxRenderer.PATH, BlackboxRenderer::render),
        new MonitoringArtifact("mtail", MtailRenderer.PATH, MtailRenderer::render),
        new MonitoringArtifact("grafana", GrafanaRenderer.DATASOURCES, MonitoringRenderer::grafana),
        new MonitoringArtifact("compose", ComposeRenderer.FILE, ComposeRenderer::render));
  }

  private static Map<String, String> alerts(MaiisConfig config) {
    Map<String, String> queries = new LinkedHashMap<>();
    RecordingRules.all().forEach((name, expr) -> queries.put("recording rule " + name, expr));
    AlertCatalog.enabled(config).forEach(r -> queries.put("alert " + r.name(), r.expr()));
    new QueriedMetrics(MetricCatalog.standard()).requireKnown(queries);
    return AlertRulesRenderer.render(config);
  }

  private static Map<String, String> grafana(MaiisConfig config) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (Dashboard d : Dashboards.all(config)) {
      int i = 0;
      for (String expr : d.queries()) {
        queries.put("dashboard '" + d.title() + "' query " + (++i), expr);
      }
    }
    new QueriedMetrics(MetricCatalog.standard()).requireKnown(queries);
    return GrafanaRenderer.render(config);
  }

  /** Every monitoring file, sorted by path. */
  public static Map<String, String> renderAll(MaiisConfig config) {
    Map<String, String> files = new TreeMap<>();
    RenderedTree tree = Artifact.renderAll(artifacts(), config, Templates.builtIn());
    for (String path : tree.paths()) {
      files.put(path, tree.text(path));
    }
    return files;
  }
}
