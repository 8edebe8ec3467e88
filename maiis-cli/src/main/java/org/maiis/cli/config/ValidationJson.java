package org.maiis.cli.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maiis.config.ConfigProblem;
import org.maiis.validate.ValidationProblem;

/**
 * The {@code config validate --json} document, documented in docs/CONFIGURATION.md: {@code config},
 * {@code valid}, {@code config_problems} ({@code file, line, column, field, message, expected}),
 * {@code rendered_problems} ({@code file, line, message}; empty when the config itself is invalid,
 * as nothing was rendered), {@code notes}. Line and column 0 mean unknown.
 */
final class ValidationJson {
  private ValidationJson() {}

  static Map<String, Object> of(
      String config,
      List<ConfigProblem> configProblems,
      List<ValidationProblem> renderedProblems,
      List<String> notes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("config", config);
    doc.put("valid", configProblems.isEmpty() && renderedProblems.isEmpty());
    doc.put(
        "config_problems",
        configProblems.stream()
            .map(
                p -> {
                  Map<String, Object> o = new LinkedHashMap<>();
                  o.put("file", p.file());
                  o.put("line", p.line());
                  o.put("column", p.column());
                  o.put("field", p.field());
                  o.put("message", p.message());
                  o.put("expected", p.expected());
                  return o;
                })
            .toList());
    doc.put(
        "rendered_problems",
        renderedProblems.stream()
            .map(
                p -> {
                  Map<String, Object> o = new LinkedHashMap<>();
                  o.put("file", p.file());
                  o.put("line", p.line());
                  o.put("message", p.message());
                  return o;
                })
            .toList());
    doc.put("notes", notes);
    return doc;
  }
}
