package org.maiis.render.mtail;

import java.util.Map;
import org.maiis.config.MaiisConfig;
import org.maiis.metrics.ExporterMetrics;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/**
 * Renders {@code mtail/nginx.mtail} from the template {@code mtail/nginx.mtail.mustache}: counts
 * nginx responses by status from the JSON access log, the source of the nginx 5xx and rate-limiting
 * alerts (nginx's stub_status has no status codes).
 */
public final class MtailRenderer {
  /** Where the program goes. */
  public static final String PATH = "mtail/nginx.mtail";

  /** The template it is rendered from, overridable with {@code --templates DIR}. */
  public static final String TEMPLATE = "mtail/nginx.mtail.mustache";

  /** The counter it exports; mtail adds a prog label. */
  public static final String METRIC = ExporterMetrics.MTAIL_NGINX_RESPONSES;

  private MtailRenderer() {}

  /** What the template's tags name. */
  record View(String marker, String metric) {}

  /** The program; the JSON log format is the one the nginx renderer writes. */
  public static Map<String, String> render(MaiisConfig config, Templates templates) {
    return Map.of(PATH, templates.render(TEMPLATE, new View(RenderedTree.MARKER, METRIC)));
  }
}
