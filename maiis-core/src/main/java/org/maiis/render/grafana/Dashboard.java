package org.maiis.render.grafana;

import java.util.ArrayList;
import java.util.List;

/**
 * One Grafana dashboard as data; {@link DashboardJson} turns it into the JSON Grafana loads.
 *
 * @param uid stable identifier, also the file name
 * @param title shown in Grafana
 * @param description what it is for
 * @param tags Grafana tags (all carry {@code maiis}, which the dashboard links use)
 * @param variables template variables
 * @param panels panels in display order, laid out two per row
 */
public record Dashboard(
    String uid,
    String title,
    String description,
    List<String> tags,
    List<Variable> variables,
    List<Panel> panels) {

  /** Every PromQL expression of its panels, in panel order. */
  public List<String> queries() {
    List<String> all = new ArrayList<>();
    for (Panel p : panels) {
      p.queries().forEach(q -> all.add(q.expr()));
    }
    return all;
  }

  /** The same dashboard with other panels. */
  public Dashboard withPanels(List<Panel> newPanels) {
    return new Dashboard(uid, title, description, tags, variables, newPanels);
  }
}
