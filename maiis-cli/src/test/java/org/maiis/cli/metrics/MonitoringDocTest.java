package org.maiis.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.maiis.metrics.CatalogDocument;
import org.maiis.metrics.MetricCatalog;

/** The metric table in docs/MONITORING_OBSERVABILITY.md is the catalog's, kept current. */
class MonitoringDocTest {
  private static final Path DOC = Path.of("../docs/MONITORING_OBSERVABILITY.md");
  private static final String BEGIN =
      "<!-- BEGIN generated: maiis metrics catalog --markdown -->\n";
  private static final String END = "<!-- END generated -->";

  @Test
  void metricTableIsTheCatalog() throws IOException {
    String full = CatalogDocument.markdown(MetricCatalog.standard());
    // The tables only, from the first section on, one heading level down.
    String tables = full.substring(full.indexOf("\n## ") + 1).replace("\n## ", "\n### ");
    tables = tables.startsWith("## ") ? "#" + tables : tables;
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(BEGIN) + BEGIN.length();
    int end = doc.indexOf(END);
    String expected = doc.substring(0, begin) + tables + doc.substring(end);
    if (Boolean.getBoolean("maiis.updateGoldens")) {
      Files.writeString(DOC, expected);
    }
    assertEquals(
        expected,
        doc,
        DOC + " is stale: run mvn test -Dtest=MonitoringDocTest -Dmaiis.updateGoldens=true");
  }
}
