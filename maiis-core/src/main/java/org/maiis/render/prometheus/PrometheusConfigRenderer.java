package org.maiis.render.prometheus;

import static org.maiis.render.yaml.YamlWriter.map;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maiis.config.Durations;
import org.maiis.config.MaiisConfig;
import org.maiis.config.MonitoringConfig;
import org.maiis.config.MonitoringConfig.ScrapeJob;
import org.maiis.config.NginxConfig;
import org.maiis.render.yaml.YamlWriter;

/**
 * Renders {@code prometheus/prometheus.yml}: one scrape job per enabled source, each at the path
 * that source really serves, blackbox probes of the health endpoints and the HTTPS site, the
 * Alertmanager target, and a rule_files glob that matches the rendered rules.
 */
public final class PrometheusConfigRenderer {
  /** Where the file goes. */
  public static final String PATH = "prometheus/prometheus.yml";

  /** The rule_files glob, relative to prometheus.yml. */
  public static final String RULES_GLOB = "rules/*.yml";

  /** Metrics paths of the sources that do not serve /metrics. */
  private static final Map<String, String> METRICS_PATHS =
      Map.of("minio", "/minio/v2/metrics/cluster");

  private PrometheusConfigRenderer() {}

  /** The file for {@code config}. */
  public static Map<String, String> render(MaiisConfig config) {
    MonitoringConfig m = config.monitoring();
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("scrape_interval", Durations.format(m.scrapeInterval()));
    global.put("evaluation_interval", Durations.format(m.evaluationInterval()));
    global.put(
        "external_labels",
        map("site", config.site().name(), "environment", config.site().environment()));
    root.put("global", global);
    ScrapeJob alertmanager = m.jobs().get("alertmanager");
    root.put(
        "alerting",
        map(
            "alertmanagers",
            List.of(map("static_configs", List.of(map("targets", alertmanager.targets()))))));
    root.put("rule_files", List.of(RULES_GLOB));

    List<Object> jobs = new ArrayList<>();
    m.jobs()
        .forEach(
            (name, job) -> {
              if (job.enabled()) {
                jobs.add(scrapeJob(name, job));
              }
            });
    ScrapeJob blackbox = m.jobs().get("blackbox");
    if (blackbox.enabled()) {
      String exporter = blackbox.targets().get(0);
      jobs.add(probeJob("blackbox-http", "http_2xx", exporter, httpProbes(config)));
      jobs.add(probeJob("blackbox-tls", "https_2xx", exporter, tlsProbes(config)));
    }
    root.put("scrape_configs", jobs);
    m.remoteWriteUrl().ifPresent(u -> root.put("remote_write", List.of(map("url", u.toString()))));
    return Map.of(
        PATH,
        YamlWriter.write("Rendered by maiis from maiis.yaml; edit that file, not this one.", root));
  }

  private static Map<String, Object> scrapeJob(String name, ScrapeJob job) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("job_name", name);
    job.interval().ifPresent(i -> j.put("scrape_interval", Durations.format(i)));
    String path = METRICS_PATHS.get(name);
    if (path != null) {
      j.put("metrics_path", path);
    }
    job.bearerTokenFile()
        .ifPresent(
            f -> j.put("authorization", map("type", "Bearer", "credentials_file", f.toString())));
    j.put("static_configs", List.of(map("targets", job.targets())));
    return j;
  }

  /** A blackbox job: each target becomes ?target=, the exporter is the scraped address. */
  private static Map<String, Object> probeJob(
      String name, String module, String exporter, List<Map<String, Object>> groups) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("job_name", name);
    j.put("metrics_path", "/probe");
    j.put("params", map("module", List.of(module)));
    j.put("static_configs", groups);
    j.put(
        "relabel_configs",
        List.of(
            map("source_labels", List.of("__address__"), "target_label", "__param_target"),
            map("source_labels", List.of("__param_target"), "target_label", "instance"),
            map("target_label", "__address__", "replacement", exporter)));
    return j;
  }

  /** Health endpoints: each API instance's readiness, and Qdrant and Ollama when configured. */
  static List<Map<String, Object>> httpProbes(MaiisConfig config) {
    List<Map<String, Object>> groups = new ArrayList<>();
    List<String> backends = new ArrayList<>();
    for (NginxConfig.Upstream u : config.nginx().upstreams()) {
      backends.add("http://" + u.address() + "/health/ready");
    }
    groups.add(probeGroup(backends, "backend"));
    config
        .server()
        .vectorStore()
        .qdrantUrl()
        .ifPresent(u -> groups.add(probeGroup(List.of(join(u, "/readyz")), "qdrant")));
    config
        .server()
        .llm()
        .ollamaUrl()
        .ifPresent(u -> groups.add(probeGroup(List.of(join(u, "/api/version")), "ollama")));
    return groups;
  }

  /** A static group of probe targets, labelled with the service they belong to. */
  private static Map<String, Object> probeGroup(List<String> targets, String service) {
    return map("targets", targets, "labels", map("service", service));
  }

  /** The public HTTPS site, once per name (wildcards cannot be probed). */
  static List<Map<String, Object>> tlsProbes(MaiisConfig config) {
    int port = config.nginx().httpsPort();
    List<String> urls = new ArrayList<>();
    for (String d : config.site().allDomains()) {
      if (!d.startsWith("*.")) {
        urls.add("https://" + d + (port == 443 ? "" : ":" + port) + "/health");
      }
    }
    return List.of(probeGroup(urls, "site"));
  }

  private static String join(URI base, String path) {
    String b = base.toString();
    return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
  }
}
