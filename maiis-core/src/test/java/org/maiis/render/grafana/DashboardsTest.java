package org.maiis.render.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.maiis.config.MaiisConfig;

/** What the rendered dashboards contain, read back as Grafana would read them. */
class DashboardsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> TITLES =
      List.of(
          "System Overview",
          "Application Performance",
          "Database",
          "AI Services",
          "Storage & Cache",
          "Security");

  private static List<JsonNode> dashboards(MaiisConfig config) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (Map.Entry<String, String> f : GrafanaRenderer.render(config).entrySet()) {
      if (f.getKey().endsWith(".json")) {
        JsonNode d = JSON.readTree(f.getValue());
        assertEquals(GrafanaRenderer.dashboardFile(d.path("uid").asText()), f.getKey());
        out.add(d);
      }
    }
    return out;
  }

  private static JsonNode panel(JsonNode dashboard, String title) {
    for (JsonNode p : dashboard.path("panels")) {
      if (p.path("title").asText().equals(title)) {
        return p;
      }
    }
    throw new AssertionError("no panel " + title + " in " + dashboard.path("title"));
  }

  private static JsonNode dashboard(List<JsonNode> all, String title) {
    return all.stream()
        .filter(d -> d.path("title").asText().equals(title))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void sixDashboardsWithUniqueUidsIdsAndKnownDatasources() throws IOException {
    for (MaiisConfig config : List.of(RenderConfigs.defaults(), RenderConfigs.allJobs())) {
      JsonNode datasources =
          YAML.readTree(GrafanaRenderer.render(config).get(GrafanaRenderer.DATASOURCES));
      Set<String> known = new HashSet<>();
      datasources.path("datasources").forEach(d -> known.add(d.path("uid").asText()));
      assertEquals(Set.of("maiis-prometheus", "maiis-alertmanager"), known);

      List<JsonNode> all = dashboards(config);
      assertEquals(TITLES, all.stream().map(d -> d.path("title").asText()).toList());
      Set<String> uids = new HashSet<>();
      for (JsonNode d : all) {
        assertTrue(uids.add(d.path("uid").asText()));
        assertEquals(39, d.path("schemaVersion").asInt());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : d.path("panels")) {
          assertTrue(ids.add(p.path("id").asInt()), "duplicate id in " + d.path("title"));
          assertTrue(p.path("gridPos").has("w"), p.toString());
          if (!p.path("type").asText().equals("text")) {
            assertTrue(known.contains(p.path("datasource").path("uid").asText()));
            for (JsonNode t : p.path("targets")) {
              assertEquals("maiis-prometheus", t.path("datasource").path("uid").asText());
              assertEquals("prometheus", t.path("datasource").path("type").asText());
            }
          }
        }
      }
    }
  }

  @Test
  void panelsAreLaidOutTwoPerRow() throws IOException {
    JsonNode app = dashboard(dashboards(RenderConfigs.allJobs()), "Application Performance");
    List<String> positions = new ArrayList<>();
    for (JsonNode p : app.path("panels")) {
      JsonNode g = p.path("gridPos");
      positions.add(g.path("x").asInt() + "," + g.path("y").asInt() + "," + g.path("w").asInt());
    }
    assertEquals(
        List.of("0,0,12", "12,0,12", "0,8,12", "12,8,12", "0,16,12", "12,16,12"),
        positions.subList(0, 6));
  }

  @Test
  void disabledJobsLeaveTheirPanelsOutAndSayWhich() throws IOException {
    JsonNode system = dashboard(dashboards(RenderConfigs.defaults()), "System Overview");
    JsonNode note = system.path("panels").get(0);
    assertEquals("text", note.path("type").asText());
    assertTrue(
        note.path("options").path("content").asText().contains("- CPU usage per host (node)"));
    List<String> titles = new ArrayList<>();
    system.path("panels").forEach(p -> titles.add(p.path("title").asText()));
    assertFalse(titles.contains("CPU usage per host"));
    assertTrue(titles.contains("Targets up by job"));

    JsonNode full = dashboard(dashboards(RenderConfigs.allJobs()), "System Overview");
    assertEquals("CPU usage per host", full.path("panels").get(0).path("title").asText());
    assertEquals(8, full.path("panels").size());
  }

  @Test
  void alertThresholdsFromTheConfigDrawTheRedLines() throws IOException {
    // allJobs sets HighCPUUsage to 0.9; the default is 0.8.
    JsonNode cpu =
        panel(
            dashboard(dashboards(RenderConfigs.allJobs()), "System Overview"),
            "CPU usage per host");
    JsonNode steps = cpu.path("fieldConfig").path("defaults").path("thresholds").path("steps");
    assertEquals(0.9, steps.get(1).path("value").asDouble());
    assertEquals("red", steps.get(1).path("color").asText());
    assertEquals("percentunit", cpu.path("fieldConfig").path("defaults").path("unit").asText());

    JsonNode pool =
        panel(dashboard(dashboards(RenderConfigs.allJobs()), "Database"), "API connection pool");
    assertEquals(
        20,
        pool.path("fieldConfig")
            .path("defaults")
            .path("thresholds")
            .path("steps")
            .get(1)
            .path("value")
            .asInt());
  }

  @Test
  void queriesUseTheExporterAndCatalogShapes() throws IOException {
    List<JsonNode> all = dashboards(RenderConfigs.allJobs());
    String disk =
        panel(dashboard(all, "System Overview"), "Disk usage per mountpoint")
            .path("targets")
            .toString();
    assertTrue(
        disk.contains("fstype!~\\\"tmpfs|overlay|squashfs|ramfs|devtmpfs|nsfs|fuse.lxcfs\\\""),
        disk);
    String nginx =
        panel(dashboard(all, "Security"), "nginx 429 (rate limited)").path("targets").toString();
    assertTrue(
        nginx.contains("nginx_http_responses_total{job=\\\"mtail\\\",status=\\\"429\\\"}"), nginx);
    String slowest =
        panel(dashboard(all, "Application Performance"), "Top 10 slowest endpoints (p95)")
            .path("targets")
            .get(0)
            .path("expr")
            .asText();
    assertTrue(slowest.contains("sum by (endpoint, le)"), slowest);
    assertTrue(slowest.contains("job=\"backend\""), slowest);

    List<String> queries = Dashboards.queries(RenderConfigs.allJobs());
    assertTrue(queries.size() > 50, "queries: " + queries.size());
    assertTrue(queries.stream().anyMatch(q -> q.contains("pg_replication_lag_seconds")));
    assertTrue(queries.stream().noneMatch(q -> q.contains("pg_replication_lag{")));
  }

  @Test
  void datasourcesComeFromTheConfigWithStableUids() throws IOException {
    JsonNode ds =
        YAML.readTree(
            GrafanaRenderer.render(RenderConfigs.allJobs()).get(GrafanaRenderer.DATASOURCES));
    JsonNode prometheus = ds.path("datasources").get(0);
    assertEquals("maiis-prometheus", prometheus.path("uid").asText());
    assertTrue(prometheus.path("isDefault").asBoolean());
    assertEquals("http://127.0.0.1:19090", prometheus.path("url").asText());
    assertEquals("30s", prometheus.path("jsonData").path("timeInterval").asText());
    JsonNode am = ds.path("datasources").get(1);
    assertEquals("alertmanager", am.path("type").asText());
    assertEquals("prometheus", am.path("jsonData").path("implementation").asText());

    JsonNode providers =
        YAML.readTree(
            GrafanaRenderer.render(RenderConfigs.defaults()).get(GrafanaRenderer.PROVIDERS));
    JsonNode provider = providers.path("providers").get(0);
    assertEquals(
        "/var/lib/grafana/dashboards/maiis", provider.path("options").path("path").asText());
    assertFalse(provider.path("options").path("foldersFromFilesStructure").asBoolean());
    assertEquals("maiis", provider.path("folder").asText());
  }
}
