package org.maiis.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Prometheus text (or OpenMetrics text) exposition: metric families with their {@code #
 * TYPE}, {@code # HELP} and samples.
 *
 * @param families families in the order they appear, by name
 */
public record Exposition(Map<String, Family> families) {

  /**
   * One sample line.
   *
   * @param name series name (with {@code _bucket}, {@code _total}, ... as written)
   * @param labels label pairs in order
   * @param value the value as written
   * @param line line number in the input, 1-based
   */
  public record Sample(String name, Map<String, String> labels, String value, int line) {}

  /**
   * A metric family.
   *
   * @param name the family name from {@code # TYPE}, or the sample name when there is none
   * @param type the {@code # TYPE} word, "untyped" when missing
   * @param help the help text, empty when missing
   * @param samples its samples
   * @param line where it starts
   */
  public record Family(String name, String type, String help, List<Sample> samples, int line) {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the first bad line. */
  public static Exposition parse(String text) {
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new LinkedHashMap<>();
    Map<String, Integer> starts = new LinkedHashMap<>();
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int no = i + 1;
      if (line.isEmpty() || line.equals("# EOF")) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split("\\s+", 4);
        if (parts.length >= 3 && parts[1].equals("TYPE")) {
          types.put(parts[2], parts.length > 3 ? parts[3] : "");
          starts.putIfAbsent(parts[2], no);
        } else if (parts.length >= 3 && parts[1].equals("HELP")) {
          helps.put(parts[2], parts.length > 3 ? parts[3] : "");
          starts.putIfAbsent(parts[2], no);
        }
        continue;
      }
      Sample s = parseSample(line, no);
      String family = familyOf(s.name(), types);
      starts.putIfAbsent(family, no);
      samples.computeIfAbsent(family, k -> new ArrayList<>()).add(s);
    }
    Map<String, Family> families = new LinkedHashMap<>();
    for (String name : starts.keySet()) {
      families.put(
          name,
          new Family(
              name,
              types.getOrDefault(name, "untyped"),
              helps.getOrDefault(name, ""),
              List.copyOf(samples.getOrDefault(name, List.of())),
              starts.get(name)));
    }
    return new Exposition(families);
  }

  private static String familyOf(String sample, Map<String, String> types) {
    if (types.containsKey(sample)) {
      return sample;
    }
    // OpenMetrics declares counters without _total; histograms/summaries have suffixed series.
    for (String suffix : List.of("_total", "_bucket", "_sum", "_count", "_created", "_info")) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return sample;
  }

  private static Sample parseSample(String line, int no) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("line " + no + ": no metric name");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
          i++;
        }
        if (i >= line.length()) {
          throw new IllegalArgumentException("line " + no + ": unterminated labels");
        }
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("line " + no + ": bad label pair");
        }
        String label = line.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; j < line.length() && line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\' && j + 1 < line.length()) {
            char n = line.charAt(++j);
            value.append(n == 'n' ? '\n' : n);
          } else {
            value.append(c);
          }
        }
        if (j >= line.length()) {
          throw new IllegalArgumentException("line " + no + ": unterminated label value");
        }
        labels.put(label, value.toString());
        i = j + 1;
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (rest.length == 0 || rest[0].isEmpty()) {
      throw new IllegalArgumentException("line " + no + ": no value for " + name);
    }
    return new Sample(name, labels, rest[0], no);
  }
}
