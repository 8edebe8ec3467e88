package org.maiis.render.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Turns a {@link Dashboard} into the JSON model Grafana loads (schemaVersion 39): panels get ids
 * 1..n and a grid position two per row, every query references the Prometheus datasource by UID.
 */
public final class DashboardJson {
  /** The dashboard JSON schema version written (Grafana 10.4 / 11.0). */
  public static final int SCHEMA_VERSION = 39;

  static final int WIDTH = 24;
  static final int PANEL_HEIGHT = 8;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  // Two-space indent, one array element per line, "\n" whatever the platform: byte-identical files.
  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private DashboardJson() {}

  /** The dashboard's JSON file content, ending in a newline. */
  public static String write(Dashboard d) {
    try {
      return MAPPER.writer(PRINTER).writeValueAsString(toJson(d)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The dashboard as a JSON tree. */
  public static ObjectNode toJson(Dashboard d) {
    ObjectNode root = JSON.objectNode();
    root.put("uid", d.uid());
    root.put("title", d.title());
    root.put("description", d.description());
    ArrayNode tags = root.putArray("tags");
    d.tags().forEach(tags::add);
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("version", 1);
    // Provisioned from files: changes belong in maiis.yaml, not in the UI.
    root.put("editable", false);
    root.put("graphTooltip", 1);
    root.put("timezone", "browser");
    ObjectNode time = root.putObject("time");
    time.put("from", "now-6h");
    time.put("to", "now");
    root.put("refresh", "30s");
    root.set("links", links());
    root.set("annotations", annotations());
    ArrayNode vars = root.putObject("templating").putArray("list");
    d.variables().forEach(v -> vars.add(variable(v)));
    ArrayNode panels = root.putArray("panels");
    int y = 0;
    int column = 0;
    int id = 1;
    for (Panel p : d.panels()) {
      if (p.kind() == Panel.Kind.TEXT) {
        y += column == 0 ? 0 : PANEL_HEIGHT;
        // One grid row (30 px) per Markdown line, so the note shows without scrolling.
        int height = (int) Math.max(3, p.description().lines().count() + 1);
        panels.add(panel(p, id++, gridPos(0, y, WIDTH, height)));
        y += height;
        column = 0;
        continue;
      }
      panels.add(panel(p, id++, gridPos(column * WIDTH / 2, y, WIDTH / 2, PANEL_HEIGHT)));
      column++;
      if (column == 2) {
        column = 0;
        y += PANEL_HEIGHT;
      }
    }
    return root;
  }

  static ObjectNode prometheus() {
    ObjectNode ds = JSON.objectNode();
    ds.put("type", "prometheus");
    ds.put("uid", GrafanaRenderer.PROMETHEUS_UID);
    return ds;
  }

  private static ArrayNode links() {
    ObjectNode link = JSON.objectNode();
    link.put("title", "maiis");
    link.put("type", "dashboards");
    link.putArray("tags").add("maiis");
    link.put("asDropdown", true);
    link.put("includeVars", false);
    link.put("keepTime", true);
    return JSON.arrayNode().add(link);
  }

  /** Firing alerts as annotations on every graph, so a spike and its alert line up. */
  private static ObjectNode annotations() {
    ObjectNode a = JSON.objectNode();
    a.put("name", "Firing alerts");
    a.set("datasource", prometheus());
    a.put("enable", true);
    a.put("hide", false);
    a.put("iconColor", "red");
    a.put("expr", "ALERTS{alertstate=\"firing\"}");
    a.put("step", "60s");
    a.put("titleFormat", "{{alertname}}");
    a.put("textFormat", "{{severity}}: {{instance}}");
    a.put("tagKeys", "severity");
    a.put("useValueForTime", false);
    ObjectNode list = JSON.objectNode();
    list.putArray("list").add(a);
    return list;
  }

  private static ObjectNode variable(Variable v) {
    ObjectNode n = JSON.objectNode();
    n.put("name", v.name());
    n.put("label", v.label());
    n.put("type", "query");
    n.set("datasource", prometheus());
    n.put("definition", v.definition());
    ObjectNode q = n.putObject("query");
    q.put("query", v.definition());
    q.put("refId", "PrometheusVariableQueryEditor-VariableQuery");
    // Refresh when the time range changes, so new hosts appear without a reload.
    n.put("refresh", 2);
    n.put("includeAll", true);
    n.put("multi", true);
    n.put("allValue", ".*");
    n.put("sort", 1);
    n.put("hide", 0);
    ObjectNode current = n.putObject("current");
    current.put("selected", true);
    current.putArray("text").add("All");
    current.putArray("value").add("$__all");
    n.putArray("options");
    return n;
  }

  private static ObjectNode gridPos(int x, int y, int w, int h) {
    ObjectNode g = JSON.objectNode();
    g.put("h", h);
    g.put("w", w);
    g.put("x", x);
    g.put("y", y);
    return g;
  }

  private static ObjectNode panel(Panel p, int id, ObjectNode gridPos) {
    ObjectNode n = JSON.objectNode();
    n.put("id", id);
    n.put("type", type(p.kind()));
    n.put("title", p.title());
    n.set("gridPos", gridPos);
    if (p.kind() == Panel.Kind.TEXT) {
      ObjectNode options = n.putObject("options");
      options.put("mode", "markdown");
      options.put("content", p.description());
      return n;
    }
    n.put("description", p.description());
    n.set("datasource", prometheus());
    n.set("fieldConfig", fieldConfig(p));
    n.set("options", options(p.kind()));
    ArrayNode targets = n.putArray("targets");
    char refId = 'A';
    for (Query q : p.queries()) {
      ObjectNode t = targets.addObject();
      t.put("refId", String.valueOf(refId++));
      t.set("datasource", prometheus());
      t.put("editorMode", "code");
      t.put("expr", q.expr());
      t.put("legendFormat", q.legend());
      t.put("range", !q.instant());
      t.put("instant", q.instant());
    }
    return n;
  }

  private static String type(Panel.Kind kind) {
    return switch (kind) {
      case TIMESERIES -> "timeseries";
      case STAT, STATE -> "stat";
      case BARGAUGE -> "bargauge";
      case TEXT -> "text";
    };
  }

  private static ObjectNode fieldConfig(Panel p) {
    ObjectNode fc = JSON.objectNode();
    ObjectNode defaults = fc.putObject("defaults");
    defaults.put("unit", p.unit());
    if (p.kind() == Panel.Kind.TIMESERIES || p.kind() == Panel.Kind.BARGAUGE) {
      defaults.put("min", 0);
    }
    if ("percentunit".equals(p.unit())) {
      defaults.put("max", 1);
    }
    defaults
        .putObject("color")
        .put("mode", p.kind() == Panel.Kind.TIMESERIES ? "palette-classic" : "thresholds");
    ObjectNode thresholds = defaults.putObject("thresholds");
    thresholds.put("mode", "absolute");
    ArrayNode steps = thresholds.putArray("steps");
    for (Thresholds.Step s : p.thresholds().steps()) {
      ObjectNode step = steps.addObject();
      step.put("color", s.color());
      if (s.from() == null) {
        step.putNull("value");
      } else {
        step.put("value", s.from());
      }
    }
    if (p.kind() == Panel.Kind.TIMESERIES) {
      ObjectNode custom = defaults.putObject("custom");
      custom.put("drawStyle", "line");
      custom.put("lineWidth", 1);
      custom.put("fillOpacity", 10);
      custom.put("showPoints", "never");
      custom.put("spanNulls", false);
      custom.putObject("thresholdsStyle").put("mode", p.thresholds().isSet() ? "line+area" : "off");
    }
    fc.putArray("overrides");
    return fc;
  }

  private static ObjectNode options(Panel.Kind kind) {
    ObjectNode o = JSON.objectNode();
    if (kind == Panel.Kind.TIMESERIES) {
      ObjectNode legend = o.putObject("legend");
      legend.put("displayMode", "list");
      legend.put("placement", "bottom");
      legend.put("showLegend", true);
      ObjectNode tooltip = o.putObject("tooltip");
      tooltip.put("mode", "multi");
      tooltip.put("sort", "desc");
      return o;
    }
    ObjectNode reduce = o.putObject("reduceOptions");
    reduce.putArray("calcs").add("lastNotNull");
    reduce.put("fields", "");
    reduce.put("values", false);
    o.put("orientation", kind == Panel.Kind.BARGAUGE ? "horizontal" : "auto");
    if (kind == Panel.Kind.BARGAUGE) {
      o.put("displayMode", "gradient");
      o.put("showUnfilled", true);
      o.put("valueMode", "color");
    } else {
      o.put("colorMode", "value");
      o.put("graphMode", "none");
      o.put("justifyMode", "auto");
      // A state set has value 1 on the current state: show which series it is, not the 1.
      o.put("textMode", kind == Panel.Kind.STATE ? "name" : "value_and_name");
    }
    return o;
  }
}
