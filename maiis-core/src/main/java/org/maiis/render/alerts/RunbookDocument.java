package org.maiis.render.alerts;

import java.util.List;
import org.maiis.config.AlertDefaults;
import org.maiis.config.Durations;
import org.maiis.config.MaiisConfig;

/**
 * The runbook page every alert's {@code runbook_url} points at: what the alert means, its default
 * threshold, the PromQL, and the first response. Generated, so it never drifts from the rules.
 */
public final class RunbookDocument {
  private RunbookDocument() {}

  /** The Markdown of docs/RUNBOOKS.md, for the default thresholds. */
  public static String render(MaiisConfig defaults) {
    List<AlertRule> rules = AlertCatalog.all(defaults);
    StringBuilder md = new StringBuilder();
    md.append("# Alert runbooks\n\n")
        .append(
            "Generated from the alert catalog (`maiis-core`, `org.maiis.render.alerts`); every alert's\n")
        .append(
            "`runbook_url` points at its section here. Thresholds and `for` are the defaults; override them\n")
        .append(
            "under `monitoring.alerts` in maiis.yaml. Each alert is rendered only when the scrape job that\n")
        .append("exports its metrics is enabled, and each has a promtool unit test in\n")
        .append("`prometheus/tests/` of the rendered tree.\n\n")
        .append("| alert | severity | group | threshold | for |\n|---|---|---|---|---|\n");
    for (AlertRule r : rules) {
      md.append("| [")
          .append(r.name())
          .append("](#")
          .append(r.name().toLowerCase(java.util.Locale.ROOT))
          .append(") | ")
          .append(r.severity().label())
          .append(" | ")
          .append(r.group())
          .append(" | ")
          .append(threshold(r.name()))
          .append(" | ")
          .append(Durations.format(r.forDuration()))
          .append(" |\n");
    }
    for (AlertRule r : rules) {
      md.append("\n## ")
          .append(r.name())
          .append("\n\n")
          .append("**")
          .append(r.severity().label())
          .append("** — ")
          .append(r.summary())
          .append(".\n\n")
          .append(r.meaning())
          .append("\n\n")
          .append("```promql\n")
          .append(r.expr())
          .append("\n```\n\n")
          .append("Fires after ")
          .append(Durations.format(r.forDuration()))
          .append("; threshold: ")
          .append(threshold(r.name()))
          .append(". Reads ")
          .append(String.join(", ", r.metrics().stream().map(m -> "`" + m + "`").toList()))
          .append(" from ")
          .append(String.join(", ", r.sources()))
          .append(".\n");
    }
    return md.toString();
  }

  private static String threshold(String alert) {
    AlertDefaults.Threshold t = AlertDefaults.all().get(alert);
    if (t.threshold().isEmpty()) {
      return "none (up/down)";
    }
    String value = PromFormat.number(t.threshold().getAsDouble());
    return t.unit().isEmpty() ? value : value + " (" + t.unit() + ")";
  }
}
