package org.maiis.metrics;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. A lexical reading, enough for alert rules and
 * dashboards: strings, label matchers, grouping clauses, ranges and Grafana variables are removed,
 * then every remaining identifier that is not a function, aggregation or keyword is a metric name.
 */
public final class PromqlMetricNames {
  private PromqlMetricNames() {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "and",
          "or",
          "unless",
          "atan2",
          "inf",
          "nan",
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|`[^`]*`");
  private static final Pattern NAME_MATCHER =
      Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");
  private static final Pattern BRACES = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*\\}|\\$[a-zA-Z_]\\w*");
  private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern OFFSET =
      Pattern.compile("\\boffset\\s+-?[0-9]+[a-z]+(?:[0-9]+[a-z]+)*");

  /** The metric names in {@code expr}, in order of appearance. */
  public static Set<String> of(String expr) {
    Set<String> out = new LinkedHashSet<>();
    Matcher byName = NAME_MATCHER.matcher(expr);
    while (byName.find()) {
      out.add(byName.group(1));
    }
    String s = VARIABLE.matcher(expr).replaceAll(" 1 ");
    s = STRING.matcher(s).replaceAll(" ");
    s = BRACES.matcher(s).replaceAll(" ");
    s = GROUPING.matcher(s).replaceAll(" ");
    s = RANGE.matcher(s).replaceAll(" ");
    s = OFFSET.matcher(s).replaceAll(" ");
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      String id = m.group();
      int after = m.end();
      while (after < s.length() && s.charAt(after) == ' ') {
        after++;
      }
      boolean call = after < s.length() && s.charAt(after) == '(';
      boolean number =
          m.start() > 0
              && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
      if (call || number || KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      out.add(id);
    }
    return out;
  }
}
