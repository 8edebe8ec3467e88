package org.maiis.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionLintTest {
  private static List<String> lint(String text) {
    return new ExpositionLint(3)
        .check(Exposition.parse(text)).stream().map(Finding::toString).toList();
  }

  /** Each of {@code expected} is among the findings {@code f}. */
  private static void assertFinds(List<String> f, String... expected) {
    for (String e : expected) {
      assertTrue(f.contains(e), e + " not in " + f);
    }
  }

  @Test
  void acceptsAWellFormedExposition() {
    assertEquals(
        List.of(),
        lint(
            """
            # HELP http_requests_total Requests.
            # TYPE http_requests_total counter
            http_requests_total{endpoint="/api/x/{id}",status="200"} 3
            # HELP a_seconds Latency.
            # TYPE a_seconds histogram
            a_seconds_bucket{le="0.1"} 1
            a_seconds_bucket{le="+Inf"} 2
            a_seconds_sum 0.3
            a_seconds_count 2
            """));
  }

  @Test
  void flagsNamingUnitsHelpRawIdsEmailsAndCardinality() {
    List<String> f =
        lint(
            """
            # TYPE requests counter
            requests{path="/api/accounts/123"} 1
            # HELP latency_milliseconds L.
            # TYPE latency_milliseconds gauge
            latency_milliseconds{user="bob@example.com"} 1
            # HELP busy_total B.
            # TYPE busy_total gauge
            busy_total{a="1"} 1
            busy_total{a="2"} 1
            busy_total{a="3"} 1
            busy_total{a="4"} 1
            # HELP fooBar F.
            # TYPE fooBar gauge
            fooBar 1
            """);
    assertFinds(
        f,
        "error: requests: no help text",
        "error: requests: counter names end in _total",
        "error: requests: label path has a raw id in a path (use the route template) (line 2)",
        "error: latency_milliseconds: use base units: seconds, bytes, and 0-1 ratios (not percent)",
        "error: latency_milliseconds: label user has an e-mail address as value (line 5)",
        "error: busy_total: only counters end in _total (this is a gauge)",
        "error: busy_total: 4 series, more than 3: a label is unbounded",
        "error: fooBar: metric names are lower snake_case ([a-z_:][a-z0-9_:]*)");
  }

  @Test
  void comparesWithTheCatalog() {
    String text =
        """
        # HELP http_requests_total R.
        # TYPE http_requests_total gauge
        http_requests_total{method="GET",endpoint="/x",status="200"} 1
        # HELP auth_attempts_total A.
        # TYPE auth_attempts_total counter
        auth_attempts_total{status="maybe",method="password"} 1
        # HELP db_queries_total D.
        # TYPE db_queries_total counter
        db_queries_total{operation="select"} 1
        # HELP my_own_thing_total M.
        # TYPE my_own_thing_total counter
        my_own_thing_total 1
        """;
    List<String> f =
        CatalogComparison.forApplication(MetricCatalog.standard())
            .compare(Exposition.parse(text))
            .stream()
            .map(Finding::toString)
            .toList();
    assertFinds(
        f,
        "error: http_requests_total: is a gauge, the catalog says counter",
        "error: auth_attempts_total: label status=\"maybe\" is not one of [success, failure] (line 6)",
        "error: db_queries_total: labels [operation] at line 9, the catalog says [operation, table]",
        "error: my_own_thing_total: not in the metric catalog",
        "warning: llm_tokens_total: declared in the catalog, no samples exposed");
  }

  @Test
  void reportsAnUnparsableLine() {
    List<Finding> f =
        MetricsValidation.check("x.txt", "good 1\nbad{a=1} 2\n", MetricCatalog.standard(), 10);
    assertEquals(
        "error: x.txt: not a Prometheus exposition: line 2: bad label pair", f.get(0).toString());
  }
}
