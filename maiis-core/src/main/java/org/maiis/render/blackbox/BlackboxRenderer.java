package org.maiis.render.blackbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maiis.config.MaiisConfig;
import org.maiis.render.yaml.YamlWriter;

/** Renders {@code blackbox/blackbox.yml} with the modules the rendered probe jobs use. */
public final class BlackboxRenderer {
  /** Where the file goes. */
  public static final String PATH = "blackbox/blackbox.yml";

  private BlackboxRenderer() {}

  /** The file; it does not depend on the config beyond the module names the probe jobs use. */
  public static Map<String, String> render(MaiisConfig config) {
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("prober", "http");
    http.put("timeout", "5s");
    Map<String, Object> httpProbe = new LinkedHashMap<>();
    httpProbe.put("preferred_ip_protocol", "ip4");
    httpProbe.put("valid_status_codes", List.of(200));
    http.put("http", httpProbe);
    Map<String, Object> httpsProbe = new LinkedHashMap<>();
    httpsProbe.put("preferred_ip_protocol", "ip4");
    httpsProbe.put("valid_status_codes", List.of(200));
    httpsProbe.put("fail_if_not_ssl", true);
    httpsProbe.put("tls_config", Map.of("insecure_skip_verify", false));
    Map<String, Object> https = new LinkedHashMap<>();
    https.put("prober", "http");
    https.put("timeout", "5s");
    https.put("http", httpsProbe);
    Map<String, Object> modules = new LinkedHashMap<>();
    modules.put("http_2xx", http);
    modules.put("https_2xx", https);
    return Map.of(
        PATH,
        YamlWriter.write(
            "Rendered by maiis from maiis.yaml; edit that file, not this one.",
            new LinkedHashMap<>(Map.of("modules", modules))));
  }
}
