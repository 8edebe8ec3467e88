package org.maiis.cli.metrics;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.maiis.cli.common.JsonOutput;
import org.maiis.metrics.Finding;

/** Prints findings one a line with a count, or as JSON. */
final class FindingsReport {
  private FindingsReport() {}

  static void print(PrintWriter out, List<Finding> findings, boolean json) {
    long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    long warnings = findings.size() - errors;
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("errors", errors);
      doc.put("warnings", warnings);
      doc.put(
          "findings",
          findings.stream()
              .map(
                  f -> {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
                    o.put("where", f.where());
                    o.put("message", f.message());
                    return o;
                  })
              .toList());
      JsonOutput.print(out, doc);
      return;
    }
    findings.forEach(out::println);
    out.println(
        errors
            + (errors == 1 ? " error, " : " errors, ")
            + warnings
            + (warnings == 1 ? " warning" : " warnings"));
  }
}
