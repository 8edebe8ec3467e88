package org.maiis.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that every metric queried by Prometheus rule files ({@code groups[].rules[].expr}) and
 * Grafana dashboards (every {@code expr}, and {@code label_values(...)} variables) in a directory
 * exists: in the catalog, in the declared exporters' metrics, or as a recording rule of those
 * files; and that the labels they match or group catalog metrics by are labels those metrics have.
 */
public final class RuleMetricCheck {
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*([^,)]+?)\\s*(?:,[^)]*)?\\)");
  private final MetricCatalog catalog;
  private final Set<String> exporterNames;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final ObjectMapper json = new ObjectMapper();

  /** A check against {@code catalog} and {@link ExporterMetrics#allNames()}. */
  public RuleMetricCheck(MetricCatalog catalog) {
    this.catalog = catalog;
    this.exporterNames = ExporterMetrics.allNames();
  }

  /** Unknown metric names (errors) and unreadable files (errors) under {@code dir}. */
  public List<Finding> check(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Query> queries = new ArrayList<>();
    Set<String> recorded = new HashSet<>();
    List<Finding> out = new ArrayList<>();
    int checked = 0;
    for (Path f : files) {
      String name = f.getFileName().toString();
      String where = dir.relativize(f).toString();
      try {
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
          JsonNode root = yaml.readTree(f.toFile());
          if (root != null && root.has("groups")) {
            checked++;
            rules(root, where, queries, recorded);
          }
        } else if (name.endsWith(".json")) {
          JsonNode root = json.readTree(f.toFile());
          if (root != null && (root.has("panels") || root.has("dashboard"))) {
            checked++;
            dashboard(root, where, queries);
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        // Jackson's own message ends in a source excerpt; the line number is what helps.
        String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        out.add(
            Finding.error(
                where + line,
                "not valid "
                    + (name.endsWith(".json") ? "JSON" : "YAML")
                    + ": "
                    + what.lines().findFirst().orElse("")));
      } catch (IOException e) {
        out.add(
            Finding.error(where, "cannot read: " + e.getMessage().lines().findFirst().orElse("")));
      }
    }
    if (checked == 0) {
      // A mistyped directory must not pass silently as "0 errors".
      out.add(
          Finding.warning(
              dir.toString(), "no alert rules (*.yml with groups) or dashboards (*.json) found"));
    }
    Set<String> reported = new HashSet<>();
    for (Query q : queries) {
      for (String problem : PromqlLabels.problems(q.expr(), catalog)) {
        if (reported.add(q.where() + " " + problem)) {
          out.add(Finding.error(q.where(), problem));
        }
      }
      for (String metric : PromqlMetricNames.of(q.expr())) {
        if (!known(metric, recorded) && reported.add(q.where() + " " + metric)) {
          out.add(
              Finding.error(
                  q.where(),
                  metric
                      + " is neither in the metric catalog nor exported by a declared exporter"));
        }
      }
    }
    return out;
  }

  private boolean known(String metric, Set<String> recorded) {
    return catalog.forSample(metric).isPresent()
        || exporterNames.contains(metric)
        || recorded.contains(metric)
        || histogramSeriesOfExporter(metric);
  }

  private boolean histogramSeriesOfExporter(String metric) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (metric.endsWith(suffix)
          && exporterNames.contains(metric.substring(0, metric.length() - suffix.length()))) {
        return true;
      }
    }
    return false;
  }

  private static void rules(JsonNode root, String file, List<Query> out, Set<String> recorded) {
    for (JsonNode group : root.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String label =
            rule.has("alert")
                ? "alert " + rule.get("alert").asText()
                : "record " + rule.path("record").asText();
        if (rule.has("record")) {
          recorded.add(rule.get("record").asText());
        }
        if (rule.has("expr")) {
          out.add(new Query(file + ": " + label, rule.get("expr").asText()));
        }
      }
    }
  }

  private static void dashboard(JsonNode node, String file, List<Query> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : iterable(node)) {
        JsonNode v = e.getValue();
        if (v.isTextual() && e.getKey().equals("expr")) {
          out.add(new Query(file + ": " + title(node), v.asText()));
        } else if (v.isTextual()
            && (e.getKey().equals("query") || e.getKey().equals("definition"))) {
          Matcher m = LABEL_VALUES.matcher(v.asText());
          while (m.find()) {
            out.add(new Query(file + ": variable " + node.path("name").asText(), m.group(1)));
          }
        } else if (e.getKey().equals("query") && v.isObject() && v.has("query")) {
          Matcher m = LABEL_VALUES.matcher(v.get("query").asText());
          while (m.find()) {
            out.add(new Query(file + ": variable " + node.path("name").asText(), m.group(1)));
          }
        } else {
          dashboard(v, file, out);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        dashboard(child, file, out);
      }
    }
  }

  private static String title(JsonNode target) {
    String ref = target.path("refId").asText("");
    return ref.isEmpty() ? "expr" : "target " + ref;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }

  private record Query(String where, String expr) {}
}
