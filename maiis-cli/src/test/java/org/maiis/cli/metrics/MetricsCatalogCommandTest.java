package org.maiis.cli.metrics;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.maiis.cli.CliRun;

class MetricsCatalogCommandTest {
  static final Path DOC = Path.of("../docs/METRICS.md");

  @Test
  void docsMetricsIsTheCurrentCatalog() throws Exception {
    CliRun r = CliRun.of("metrics", "catalog", "--markdown");
    assertEquals(0, r.exitCode(), r.err());
    String onDisk = Files.exists(DOC) ? Files.readString(DOC) : "";
    assertEquals(
        r.out(),
        onDisk,
        DOC + " is stale: run ./maiis metrics catalog --markdown > docs/METRICS.md");
  }

  @Test
  void printsJsonWithTypesLabelsAndBuckets() throws Exception {
    CliRun r = CliRun.of("metrics", "catalog", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    JsonNode all = new ObjectMapper().readTree(r.out());
    JsonNode duration = null;
    for (JsonNode m : all) {
      if (m.get("name").asText().equals("http_request_duration_seconds")) {
        duration = m;
      }
    }
    assertNotNull(duration);
    assertEquals("histogram", duration.get("type").asText());
    assertEquals("method", duration.get("labels").get(0).get("name").asText());
    assertEquals("0.005", duration.get("buckets").get(0).asText());
  }

  @Test
  void plainListingHasOneMetricPerLineAndFormatsAreExclusive() {
    CliRun r = CliRun.of("metrics", "catalog");
    assertTrue(
        r.out()
            .lines()
            .anyMatch(l -> l.matches("http_requests_total\\s+counter\\s+method,endpoint,status")),
        r.out());
    CliRun both = CliRun.of("metrics", "catalog", "--json", "--markdown");
    assertEquals(2, both.exitCode());
    assertEquals("", both.out());
  }
}
