package org.maiis.render.mtail;

import java.util.Map;
import org.maiis.config.MaiisConfig;
import org.maiis.metrics.ExporterMetrics;

/**
 * Renders {@code mtail/nginx.mtail}: counts nginx responses by status from the JSON access log, the
 * source of the nginx 5xx and rate-limiting alerts (nginx's stub_status has no status codes).
 */
public final class MtailRenderer {
  /** Where the program goes. */
  public static final String PATH = "mtail/nginx.mtail";

  /** The counter it exports; mtail adds a prog label. */
  public static final String METRIC = ExporterMetrics.MTAIL_NGINX_RESPONSES;

  private MtailRenderer() {}

  /** The program; the JSON log format is the one the nginx renderer writes. */
  public static Map<String, String> render(MaiisConfig config) {
    String program =
        "# Rendered by maiis from maiis.yaml; edit that file, not this one.\n"
            + "# Counts responses by status from nginx's JSON access log.\n"
            + "counter "
            + METRIC
            + " by status\n"
            + "\n"
            + "/\"status\": *\"?(?P<status>[1-5][0-9][0-9])\"?/ {\n"
            + "  "
            + METRIC
            + "[$status]++\n"
            + "}\n";
    return Map.of(PATH, program);
  }
}
