package org.maiis.render.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.maiis.process.ProcessRunner;

/**
 * Structural validation of rendered Grafana files: every dashboard parses, has a uid unique among
 * the dashboards, panels with unique ids and non-overlapping grid positions, datasources referenced
 * by a UID that the provisioned datasources define, and queries that parse as PromQL ({@code
 * promtool check rules}, when promtool is installed).
 */
public final class DashboardCheck {

  /**
   * What the check found.
   *
   * @param problems one line each, naming file, panel and what is wrong; empty when valid
   * @param notes what was not checked and why (promtool missing)
   */
  public record Report(List<String> problems, List<String> notes) {
    /** Whether no problem was found. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ProcessRunner runner;
  private final Optional<Path> promtool;

  /**
   * A check that parses queries with {@code promtool}.
   *
   * @param promtool the promtool binary, or empty to skip the PromQL parse (with a note)
   */
  public DashboardCheck(ProcessRunner runner, Optional<Path> promtool) {
    this.runner = runner;
    this.promtool = promtool;
  }

  /** Checks the files under {@code outputDir}/grafana as {@link GrafanaRenderer} lays them out. */
  public Report check(Path outputDir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path grafana = outputDir.resolve("grafana");
    if (Files.isDirectory(grafana)) {
      try (Stream<Path> walk = Files.walk(grafana)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          files.put(outputDir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
        }
      }
    }
    return check(files);
  }

  /**
   * Checks rendered files: relative path to content, as {@link GrafanaRenderer#render} returns them
   * (other paths are ignored).
   */
  public Report check(Map<String, String> files) throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> uids = datasourceUids(new TreeMap<>(files), problems);
    List<String> exprs = new ArrayList<>();
    List<String> where = new ArrayList<>();
    BiConsumer<String, String> query =
        (expr, at) -> {
          exprs.add(expr);
          where.add(at);
        };
    Map<String, String> dashboardUids = new HashMap<>();
    for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
      String path = f.getKey();
      if (!path.startsWith(GrafanaRenderer.DASHBOARDS_DIR + "/") || !path.endsWith(".json")) {
        continue;
      }
      JsonNode root = parse(JSON, "JSON", path, f.getValue(), problems);
      if (root == null) {
        continue;
      }
      String uid = root.path("uid").asText("");
      if (uid.isEmpty()) {
        problems.add(path + ": dashboard has no uid");
      } else if (dashboardUids.containsKey(uid)) {
        problems.add(
            path + ": dashboard uid " + uid + " is also used by " + dashboardUids.get(uid));
      } else {
        dashboardUids.put(uid, path);
      }
      if (root.path("title").asText("").isEmpty()) {
        problems.add(path + ": dashboard has no title");
      }
      for (JsonNode v : root.path("templating").path("list")) {
        datasource(v, path + ": variable " + v.path("name").asText("?"), uids, problems);
      }
      for (JsonNode a : root.path("annotations").path("list")) {
        String at = path + ": annotation \"" + a.path("name").asText("?") + "\"";
        datasource(a, at, uids, problems);
        if (a.hasNonNull("expr")) {
          query.accept(a.path("expr").asText(), at);
        }
      }
      new PanelWalk(path, uids, problems, query).panels(root.path("panels"));
    }
    if (promtool.isEmpty()) {
      notes.add(
          "dashboard queries not parsed as PromQL: promtool is not installed (apt-get install"
              + " prometheus)");
    } else {
      Map<Integer, String> errors = new PromqlParseCheck(runner, promtool.get()).errors(exprs);
      errors.forEach(
          (i, error) ->
              problems.add(i < 0 ? error : where.get(i) + ": PromQL does not parse: " + error));
    }
    return new Report(List.copyOf(problems), List.copyOf(notes));
  }

  /** The parsed {@code text} of {@code path}, or null after reporting that it is not valid. */
  private static JsonNode parse(
      ObjectMapper mapper, String format, String path, String text, List<String> problems) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      problems.add(path + ": not valid " + format + ": " + e.getOriginalMessage());
      return null;
    }
  }

  private static Set<String> datasourceUids(Map<String, String> files, List<String> problems) {
    Set<String> uids = new LinkedHashSet<>();
    boolean any = false;
    for (Map.Entry<String, String> f : files.entrySet()) {
      String path = f.getKey();
      if (!path.startsWith(GrafanaRenderer.PROVISIONING_DIR + "/datasources/")
          || !(path.endsWith(".yml") || path.endsWith(".yaml"))) {
        continue;
      }
      any = true;
      JsonNode root = parse(YAML, "YAML", path, f.getValue(), problems);
      if (root == null) {
        continue;
      }
      for (JsonNode ds : root.path("datasources")) {
        String uid = ds.path("uid").asText("");
        if (uid.isEmpty()) {
          problems.add(path + ": datasource \"" + ds.path("name").asText("?") + "\" has no uid");
        } else if (!uids.add(uid)) {
          problems.add(path + ": datasource uid " + uid + " is defined twice");
        }
      }
    }
    if (!any) {
      problems.add(
          GrafanaRenderer.PROVISIONING_DIR
              + "/datasources: no datasource file, so no dashboard query has a datasource");
    }
    return uids;
  }

  /** Reports a datasource reference that is missing, by name, or to an unknown UID. */
  static void datasource(JsonNode node, String at, Set<String> uids, List<String> problems) {
    JsonNode ds = node.path("datasource");
    if (ds.isMissingNode() || ds.isNull()) {
      problems.add(at + ": no datasource (it would use whatever datasource is the default)");
    } else if (ds.isTextual()) {
      problems.add(at + ": datasource referenced by name \"" + ds.asText() + "\", not by uid");
    } else if (!uids.contains(ds.path("uid").asText(""))) {
      problems.add(
          at
              + ": datasource uid \""
              + ds.path("uid").asText("")
              + "\" is not provisioned (known: "
              + String.join(", ", uids)
              + ")");
    }
  }
}
