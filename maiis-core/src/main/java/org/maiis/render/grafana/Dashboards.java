package org.maiis.render.grafana;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maiis.config.MaiisConfig;
import org.maiis.config.MonitoringConfig;

/**
 * The six maiis dashboards, derived from the config (alert thresholds, enabled jobs, pool size).
 */
public final class Dashboards {
  private Dashboards() {}

  /** Every dashboard with every panel, whatever jobs are enabled (for catalog cross-checks). */
  public static List<Dashboard> all(MaiisConfig config) {
    AlertLevels levels =
        new AlertLevels(
            config.monitoring(), org.maiis.render.alerts.CertificateLifetime.days(config));
    return List.of(
        SystemOverviewDashboard.build(levels),
        ApplicationDashboard.build(levels),
        DatabaseDashboard.build(levels, config.server().database().poolSize()),
        AiServicesDashboard.build(levels),
        StorageCacheDashboard.build(levels),
        SecurityDashboard.build(levels));
  }

  /**
   * The dashboards as rendered: panels whose scrape jobs are all disabled are left out (they would
   * stay empty), and a text panel at the top names them and the job that would bring them back.
   */
  public static List<Dashboard> enabled(MaiisConfig config) {
    List<String> jobs = enabledJobs(config.monitoring());
    List<Dashboard> out = new ArrayList<>();
    for (Dashboard d : all(config)) {
      List<Panel> shown = new ArrayList<>();
      List<String> hidden = new ArrayList<>();
      for (Panel p : d.panels()) {
        if (p.shownWith(jobs)) {
          shown.add(p);
        } else {
          hidden.add("- " + p.title() + " (" + String.join(" or ", p.sources()) + ")");
        }
      }
      if (!hidden.isEmpty()) {
        shown.add(0, notShown(hidden));
      }
      out.add(d.withPanels(shown));
    }
    return out;
  }

  /** Every PromQL expression of {@link #all}, for cross-checking metric names with the catalog. */
  public static List<String> queries(MaiisConfig config) {
    return all(config).stream().flatMap(d -> d.queries().stream()).toList();
  }

  private static List<String> enabledJobs(MonitoringConfig m) {
    List<String> jobs = new ArrayList<>();
    for (Map.Entry<String, MonitoringConfig.ScrapeJob> e : m.jobs().entrySet()) {
      if (e.getValue().enabled()) {
        jobs.add(e.getKey());
      }
    }
    return jobs;
  }

  private static Panel notShown(List<String> hidden) {
    String text =
        "Panels not shown because no scrape job in `maiis.yaml` produces their metrics. Enable"
            + " the job in parentheses (`monitoring.jobs.<job>.enabled: true`) and render again:\n\n"
            + String.join("\n", hidden)
            + "\n";
    return new Panel(
        "Not shown", Panel.Kind.TEXT, "none", text, List.of(), Thresholds.NONE, List.of());
  }
}
