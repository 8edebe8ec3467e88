package org.maiis.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an exposition against Prometheus naming practice (what {@code promtool check metrics}
 * flags, and more): snake_case names, help text, {@code _total} only and always on counters, base
 * units, bounded label values, and no raw ids or e-mail addresses in label values.
 *
 * @param maxSeriesPerFamily more distinct label sets (ignoring {@code le}/{@code quantile}) in one
 *     family than this is an error
 */
public record ExpositionLint(int maxSeriesPerFamily) {
  /** The default series limit per family. */
  public static final int DEFAULT_MAX_SERIES = 1000;

  private static final Pattern NAME = Pattern.compile("[a-z_:][a-z0-9_:]*");
  private static final Pattern NON_BASE_UNIT =
      Pattern.compile(
          "(^|_)(milliseconds|microseconds|nanoseconds|millis|ms|minutes|hours|days|percent"
              + "|kilobytes|megabytes|gigabytes|kb|mb|gb)(_|$)");
  private static final Pattern ID_SEGMENT =
      Pattern.compile(
          "\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
              + "|[0-9a-fA-F]{16,}");
  private static final Pattern EMAIL = Pattern.compile("[^\\s@/]+@[^\\s@/]+\\.[a-zA-Z]{2,}");
  private static final Set<String> BUCKET_LABELS = Set.of("le", "quantile");

  /** The problems in {@code exposition}. */
  public List<Finding> check(Exposition exposition) {
    List<Finding> out = new ArrayList<>();
    for (Exposition.Family f : exposition.families().values()) {
      String name = f.name();
      if (!NAME.matcher(name).matches()) {
        out.add(Finding.error(name, "metric names are lower snake_case ([a-z_:][a-z0-9_:]*)"));
      }
      if (f.help().isBlank()) {
        out.add(Finding.error(name, "no help text"));
      }
      if (f.type().equals("untyped")) {
        out.add(Finding.warning(name, "no # TYPE line"));
      }
      boolean counter = f.type().equals("counter");
      if (counter
          && !name.endsWith("_total")
          && f.samples().stream()
              .anyMatch(s -> !s.name().endsWith("_total") && !s.name().endsWith("_created"))) {
        out.add(Finding.error(name, "counter names end in _total"));
      }
      if (!counter && name.endsWith("_total")) {
        out.add(Finding.error(name, "only counters end in _total (this is a " + f.type() + ")"));
      }
      if (NON_BASE_UNIT.matcher(name).find()) {
        out.add(
            Finding.error(name, "use base units: seconds, bytes, and 0-1 ratios (not percent)"));
      }
      checkLabels(f, out);
    }
    return out;
  }

  private void checkLabels(Exposition.Family f, List<Finding> out) {
    Set<Map<String, String>> series = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (Exposition.Sample s : f.samples()) {
      Map<String, String> key = new HashMap<>(s.labels());
      key.keySet().removeAll(BUCKET_LABELS);
      series.add(key);
      for (Map.Entry<String, String> l : key.entrySet()) {
        String problem = valueProblem(l.getValue());
        if (problem != null && reported.add(l.getKey())) {
          out.add(
              Finding.error(
                  f.name(),
                  "label " + l.getKey() + " has " + problem + " (line " + s.line() + ")"));
        }
      }
    }
    if (series.size() > maxSeriesPerFamily) {
      out.add(
          Finding.error(
              f.name(),
              series.size()
                  + " series, more than "
                  + maxSeriesPerFamily
                  + ": a label is unbounded"));
    }
  }

  /** Why a label value must not be exposed, or null when it is fine. */
  static String valueProblem(String value) {
    if (EMAIL.matcher(value).find()) {
      return "an e-mail address as value";
    }
    if (value.contains("/")) {
      for (String segment : value.split("/")) {
        if (!segment.isEmpty() && ID_SEGMENT.matcher(segment).matches()) {
          return "a raw id in a path (use the route template)";
        }
      }
    }
    return null;
  }
}
