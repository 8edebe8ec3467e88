package org.maiis.render.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.maiis.config.MaiisConfig;
import org.maiis.render.alerts.AlertRulesRenderer;
import org.maiis.render.grafana.Goldens;
import org.maiis.render.grafana.GrafanaRenderer;
import org.maiis.render.grafana.RenderConfigs;

class ComposeRendererTest {
  private static final Path GOLDENS = Path.of("src/test/resources/render/compose");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.maiis.render.grafana.RenderConfigs#withGoldens")
  void configMatchesGolden(String golden, MaiisConfig config) throws IOException {
    Goldens.assertMatches(GOLDENS.resolve(golden), ComposeRenderer.render(config));
  }

  /**
   * The production example spans hosts: every service binds exactly an address prometheus.yml
   * scrapes (or that Prometheus sends alerts to), and runs under that host's profile.
   */
  @Test
  void everyServiceListensWherePrometheusScrapesItOnItsHostsProfile() throws IOException {
    MaiisConfig config =
        new org.maiis.config.ConfigLoader(k -> null).load(Path.of("../examples/production.yaml"));
    Set<String> scraped = new TreeSet<>();
    config.monitoring().jobs().values().stream()
        .filter(j -> j.enabled())
        .forEach(j -> scraped.addAll(j.targets()));
    JsonNode services = parse(config).path("services");
    int bound = 0;
    for (Map.Entry<String, JsonNode> s : (Iterable<Map.Entry<String, JsonNode>>) services::fields) {
      String listen = listenAddress(s.getValue());
      if (s.getKey().equals("grafana")) {
        assertEquals("127.0.0.1:3000", listen);
        assertEquals("10.0.1.20", s.getValue().path("profiles").get(0).asText());
        continue;
      }
      assertTrue(scraped.contains(listen), s.getKey() + " listens on " + listen);
      assertEquals(
          listen.substring(0, listen.lastIndexOf(':')),
          s.getValue().path("profiles").get(0).asText(),
          s.getKey());
      bound++;
    }
    assertEquals(11, bound, "one service per target of a job the compose file runs");
  }

  /** Where a rendered service listens, from whichever flag or variable its image reads. */
  private static String listenAddress(JsonNode service) {
    String ip = null;
    String port = null;
    for (JsonNode arg : service.path("command")) {
      String a = arg.asText();
      if (a.startsWith("--web.listen-address=")) {
        return a.substring(a.indexOf('=') + 1);
      }
      if (a.startsWith("--listen_ip=") || a.startsWith("--address=")) {
        ip = a.substring(a.indexOf('=') + 1);
      }
      if (a.startsWith("--port=")) {
        port = a.substring(a.indexOf('=') + 1);
      }
    }
    JsonNode env = service.path("environment");
    if (env.has("REDIS_EXPORTER_WEB_LISTEN_ADDRESS")) {
      return env.get("REDIS_EXPORTER_WEB_LISTEN_ADDRESS").asText();
    }
    if (env.has("GF_SERVER_HTTP_ADDR")) {
      return env.get("GF_SERVER_HTTP_ADDR").asText()
          + ":"
          + env.get("GF_SERVER_HTTP_PORT").asText();
    }
    return ip + ":" + port;
  }

  private static JsonNode parse(MaiisConfig config) throws IOException {
    return YAML.readTree(ComposeRenderer.render(config).get(ComposeRenderer.FILE));
  }

  private static Set<String> serviceNames(JsonNode compose) {
    Set<String> names = new TreeSet<>();
    compose.path("services").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void defaultConfigRunsOnlyTheCoreStack() throws IOException {
    JsonNode compose = parse(RenderConfigs.defaults());
    assertEquals(Set.of("alertmanager", "grafana", "prometheus"), serviceNames(compose));
  }

  @Test
  void everyEnabledJobThatNeedsAnExporterGetsOne() throws IOException {
    JsonNode compose = parse(RenderConfigs.allJobs());
    assertEquals(
        Set.of(
            "alertmanager",
            "blackbox-exporter",
            "cadvisor",
            "grafana",
            "mtail",
            "nginx-exporter",
            "node-exporter",
            "postgres-exporter",
            "prometheus",
            "redis-exporter"),
        serviceNames(compose));
    JsonNode nginx = compose.path("services").path("nginx-exporter").path("command");
    assertTrue(
        nginx.toString().contains("--nginx.scrape-uri=http://127.0.0.1:8081/stub_status"),
        nginx.toString());
    // The mtail job's target port in the config is where mtail listens.
    assertTrue(
        compose.path("services").path("mtail").path("command").toString().contains("--port=3913"));
  }

  @Test
  void everyImageIsPinnedToAVersion() throws IOException {
    JsonNode services = parse(RenderConfigs.allJobs()).path("services");
    for (JsonNode s : services) {
      String image = s.path("image").asText();
      String tag = image.substring(image.lastIndexOf(':') + 1);
      assertTrue(tag.matches("v?\\d+\\.\\d+\\.\\d+(-alpine)?"), "unpinned image " + image);
    }
  }

  @Test
  void prometheusGetsItsWholeDirectorySoTheRulesAreMounted() throws IOException {
    JsonNode prometheus = parse(RenderConfigs.defaults()).path("services").path("prometheus");
    assertTrue(
        prometheus.path("volumes").toString().contains("\"../prometheus:/etc/prometheus:ro\""),
        prometheus.toString());
    assertTrue(
        prometheus
            .path("command")
            .toString()
            .contains("\"--config.file=/etc/prometheus/prometheus.yml\""));
    // The rendered rule files live under that directory.
    assertTrue(AlertRulesRenderer.RECORDING.startsWith("prometheus/rules/"));
  }

  @Test
  void grafanaPasswordComesFromASecretFileNeverFromTheFile() throws IOException {
    JsonNode compose = parse(RenderConfigs.allJobs());
    JsonNode env = compose.path("services").path("grafana").path("environment");
    assertEquals(
        "/run/secrets/grafana_admin_password",
        env.path("GF_SECURITY_ADMIN_PASSWORD__FILE").asText());
    assertFalse(env.has("GF_SECURITY_ADMIN_PASSWORD"));
    assertEquals(
        "/etc/maiis/secrets/grafana-admin-password",
        compose.path("secrets").path("grafana_admin_password").path("file").asText());
    assertEquals(
        "/run/secrets/postgres_password",
        compose
            .path("services")
            .path("postgres-exporter")
            .path("environment")
            .path("DATA_SOURCE_PASS_FILE")
            .asText());

    JsonNode defaults = parse(RenderConfigs.defaults());
    assertFalse(defaults.has("secrets"));
    assertFalse(
        defaults
            .path("services")
            .path("grafana")
            .path("environment")
            .toString()
            .contains("PASSWORD"));
  }

  @Test
  void environmentSecretsStayReferencesForComposeToResolve() throws IOException {
    MaiisConfig config =
        RenderConfigs.parse(
            """
            monitoring:
              jobs:
                postgres: {enabled: true}
                redis: {enabled: true}
            server:
              database: {url: "jdbc:postgresql://db.internal:5432/maiis", password: "${PGPASSWORD}"}
              cache: {password: "${REDIS_PASSWORD}"}
            """);
    JsonNode services = parse(config).path("services");
    JsonNode pg = services.path("postgres-exporter").path("environment");
    assertEquals("${PGPASSWORD}", pg.path("DATA_SOURCE_PASS").asText());
    assertEquals("db.internal:5432/maiis?sslmode=require", pg.path("DATA_SOURCE_URI").asText());
    assertEquals(
        "${REDIS_PASSWORD}",
        services.path("redis-exporter").path("environment").path("REDIS_PASSWORD").asText());
  }

  @Test
  void environmentValuesAreNeverYamlBooleans() throws IOException {
    // docker compose rejects a boolean environment value; strings and numbers are fine.
    for (JsonNode s : parse(RenderConfigs.allJobs()).path("services")) {
      s.path("environment")
          .fields()
          .forEachRemaining(
              e -> assertTrue(e.getValue().isTextual() || e.getValue().isNumber(), e.getKey()));
    }
    JsonNode env =
        parse(RenderConfigs.defaults()).path("services").path("grafana").path("environment");
    assertEquals("false", env.path("GF_USERS_ALLOW_SIGN_UP").textValue());
  }

  @Test
  void everyMountedHostPathIsRendered() throws IOException {
    MaiisConfig config = RenderConfigs.allJobs();
    Map<String, String> grafana = GrafanaRenderer.render(config);
    // Mounts the compose file itself lists, resolved from compose/ as docker compose does.
    List<String> listed = new ArrayList<>();
    for (JsonNode s : parse(config).path("services")) {
      for (JsonNode v : s.path("volumes")) {
        String source = v.asText().substring(0, v.asText().indexOf(':'));
        if (source.startsWith("../")) {
          listed.add(Path.of("compose").resolve(source).normalize().toString());
        }
      }
    }
    assertEquals(ComposeRenderer.mountedArtifacts(config), listed);
    assertEquals(
        List.of(
            "prometheus",
            "alertmanager",
            "grafana/provisioning",
            "grafana/dashboards",
            "blackbox/blackbox.yml",
            "mtail"),
        listed);
    for (String mount : listed) {
      if (mount.startsWith("grafana/")) {
        assertTrue(
            grafana.keySet().stream().anyMatch(f -> f.startsWith(mount + "/")),
            mount + " is mounted but GrafanaRenderer renders nothing under it");
      }
    }
    assertTrue(
        AlertRulesRenderer.render(config).keySet().stream()
            .allMatch(f -> f.startsWith("prometheus/")));
  }
}
