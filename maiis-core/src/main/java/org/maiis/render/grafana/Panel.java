package org.maiis.render.grafana;

import java.util.Collection;
import java.util.List;

/**
 * One dashboard panel.
 *
 * @param title shown above the panel
 * @param kind how it is drawn
 * @param unit Grafana unit id ({@code s}, {@code bytes}, {@code percentunit}, {@code reqps}, ...)
 * @param description the panel's help text; for {@link Kind#TEXT} panels, the Markdown shown
 * @param queries its PromQL queries, refIds A, B, ... in this order
 * @param thresholds colours, and a line on time series, usually at an alert's threshold
 * @param sources scrape jobs that produce its metrics; the panel is shown when any is enabled
 *     (empty: always shown)
 */
public record Panel(
    String title,
    Kind kind,
    String unit,
    String description,
    List<Query> queries,
    Thresholds thresholds,
    List<String> sources) {

  /** How a panel is drawn. */
  public enum Kind {
    /** Lines over time. */
    TIMESERIES,
    /** One big number per series. */
    STAT,
    /** The series names of the series whose value is 1 (a state set such as a last result). */
    STATE,
    /** Horizontal bars, for top-N lists. */
    BARGAUGE,
    /** Markdown, no query. */
    TEXT
  }

  /** Whether this panel is shown when {@code enabledJobs} are scraped. */
  public boolean shownWith(Collection<String> enabledJobs) {
    return sources.isEmpty() || sources.stream().anyMatch(enabledJobs::contains);
  }
}
