package org.maiis.render.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The per-panel part of {@link DashboardCheck}: ids, grid positions, datasources, and the queries
 * collected for the PromQL parse.
 */
final class PanelWalk {
  private static final int GRID_WIDTH = 24;

  private final String path;
  private final Set<String> uids;
  private final List<String> problems;
  private final BiConsumer<String, String> query;
  private final Map<Integer, String> ids = new HashMap<>();
  private int position;
  private final List<int[]> boxes = new ArrayList<>();
  private final List<String> boxNames = new ArrayList<>();

  /** {@code query} gets each non-empty expression and where it stands, for the PromQL parse. */
  PanelWalk(
      String path, Set<String> uids, List<String> problems, BiConsumer<String, String> query) {
    this.path = path;
    this.uids = uids;
    this.problems = problems;
    this.query = query;
  }

  void panels(JsonNode panels) {
    if (!panels.isArray() || panels.isEmpty()) {
      problems.add(path + ": dashboard has no panels");
      return;
    }
    for (JsonNode p : panels) {
      panel(p);
      // Collapsed rows carry their panels inside; they share the dashboard's id space.
      for (JsonNode inner : p.path("panels")) {
        panel(inner);
      }
    }
  }

  private void panel(JsonNode p) {
    int index = ++position;
    // Panels are named by position: unambiguous even when ids are missing or duplicated.
    String name = "panel #" + index + " \"" + p.path("title").asText("") + "\"";
    String at = path + ": " + name;
    if (!p.path("id").canConvertToInt()) {
      problems.add(at + ": no numeric id");
    } else {
      int id = p.path("id").asInt();
      String previous = ids.putIfAbsent(id, name);
      if (previous != null) {
        problems.add(at + ": duplicate id " + id + " (" + previous + " has it too)");
      }
    }
    grid(p.path("gridPos"), at);
    String type = p.path("type").asText("");
    if (type.equals("text") || type.equals("row")) {
      return;
    }
    DashboardCheck.datasource(p, at, uids, problems);
    JsonNode targets = p.path("targets");
    if (!targets.isArray() || targets.isEmpty()) {
      problems.add(at + ": no query");
      return;
    }
    for (JsonNode t : targets) {
      String q = at + " query " + t.path("refId").asText("?");
      if (t.has("datasource")) {
        DashboardCheck.datasource(t, q, uids, problems);
      }
      String expr = t.path("expr").asText("");
      if (expr.isBlank()) {
        problems.add(q + ": empty expression");
      } else {
        query.accept(expr, q);
      }
    }
  }

  private void grid(JsonNode g, String at) {
    if (!g.isObject()) {
      problems.add(at + ": no gridPos");
      return;
    }
    for (String k : List.of("h", "w", "x", "y")) {
      if (!g.path(k).canConvertToInt() || g.path(k).asInt() < 0) {
        problems.add(at + ": gridPos." + k + " is not a non-negative integer");
        return;
      }
    }
    int[] box = {
      g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()
    };
    if (box[2] == 0 || box[3] == 0 || box[0] + box[2] > GRID_WIDTH) {
      problems.add(at + ": gridPos " + g + " is empty or wider than the 24-column grid");
      return;
    }
    for (int i = 0; i < boxes.size(); i++) {
      int[] o = boxes.get(i);
      boolean overlap =
          box[0] < o[0] + o[2]
              && o[0] < box[0] + box[2]
              && box[1] < o[1] + o[3]
              && o[1] < box[1] + box[3];
      if (overlap) {
        problems.add(at + ": gridPos overlaps " + boxNames.get(i));
      }
    }
    boxes.add(box);
    boxNames.add(at.substring(path.length() + 2));
  }
}
