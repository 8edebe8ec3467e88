package org.maiis.render.monitoring;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.maiis.config.MaiisConfig;
import org.maiis.render.alertmanager.AlertmanagerRenderer;
import org.maiis.render.alerts.AlertRulesRenderer;
import org.maiis.render.blackbox.BlackboxRenderer;
import org.maiis.render.mtail.MtailRenderer;
import org.maiis.render.prometheus.PrometheusConfigRenderer;

/** The monitoring artifacts by name, as {@code config render --only NAME} selects them. */
public final class MonitoringRenderer {
  private MonitoringRenderer() {}

  /** Artifact name to renderer; each returns relative path to file content. */
  public static final Map<String, Function<MaiisConfig, Map<String, String>>> ARTIFACTS =
      Map.of(
          "prometheus", PrometheusConfigRenderer::render,
          "alerts", AlertRulesRenderer::render,
          "alertmanager", AlertmanagerRenderer::render,
          "blackbox", BlackboxRenderer::render,
          "mtail", MtailRenderer::render);

  /** Every monitoring file, sorted by path. */
  public static Map<String, String> renderAll(MaiisConfig config) {
    Map<String, String> files = new TreeMap<>();
    ARTIFACTS.values().forEach(r -> files.putAll(r.apply(config)));
    return files;
  }
}
