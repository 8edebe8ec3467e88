package org.maiis.render.alerts;

import java.util.List;
import java.util.Map;

/** The API's latency, traffic, error budget and money movements. */
final class ApiAlerts {
  private ApiAlerts() {}

  static final String GROUP = "api";
  private static final String[] APP = {"job", "backend", "instance", "app-1:8000"};

  static List<AlertRule> rules(AlertContext c) {
    return List.of(
        slowApi(c),
        highRequestRate(c),
        burn(c, "APIErrorBudgetBurnFast", Severity.CRITICAL, 14.4, "1h", "5m"),
        burn(c, "APIErrorBudgetBurnSlow", Severity.WARNING, 6, "6h", "30m"),
        transferErrors(c),
        Shapes.slowP95(
            c,
            "SlowDatabaseQueries",
            GROUP,
            "db_query_duration_seconds",
            "operation",
            "select",
            "database query latency",
            "Queries are slow: missing index, lock waits, or a saturated database. Check pg_stat_statements and "
                + "pg_locks, and the Database dashboard.",
            "backend"));
  }

  private static AlertRule slowApi(AlertContext c) {
    String name = "SlowAPIResponseTime";
    double t = c.t(name);
    return c.rule(name, GROUP, Severity.WARNING)
        .expr(RecordingRules.API_P95 + " > " + c.n(name))
        .summary("The API is slow")
        .description(Shapes.p95Description("API latency", "", Shapes.VALUE_2DP, t))
        .meaning(
            "Users wait. Find the slowest endpoints on the Application Performance dashboard; check the "
                + "database, the LLM and host CPU alerts.")
        .metrics(RecordingRules.API_P95, "http_request_duration_seconds_bucket")
        .sources("backend")
        .test(
            Fixtures.histogram("http_request_duration_seconds", t, true, APP),
            Fixtures.histogram("http_request_duration_seconds", t, false, APP),
            Map.of(),
            Shapes.p95Description(
                "API latency", "", PromFormat.twoDecimals(Fixtures.slowP95(t)), t));
  }

  private static AlertRule highRequestRate(AlertContext c) {
    return Shapes.rateAbove(
        c,
        "HighRequestRate",
        GROUP,
        Severity.WARNING,
        "http_requests_total{job=\"backend\"}",
        Target.APP.sel(
            "http_requests_total",
            "method",
            "GET",
            "endpoint",
            "/api/banking/accounts",
            "status",
            "200"),
        "API request rate",
        "More traffic than planned for: a launch, a retry storm or abuse. Check the rate-limit alerts and the "
            + "top endpoints; scale out if it is real traffic.",
        "backend");
  }

  private static AlertRule burn(
      AlertContext c,
      String name,
      Severity severity,
      double factor,
      String longWindow,
      String shortWindow) {
    double slo = c.t(name);
    double budget = 1 - slo;
    String limit = PromFormat.number(factor) + " * " + PromFormat.number(round(budget));
    double burning = factor * budget;
    // Well above the burn threshold, and still a ratio when the objective is a loose one.
    double bad = burning * 4 < 0.5 ? burning * 4 : Math.max(0.5, (1 + burning) / 2);
    return c.rule(name, GROUP, severity)
        .expr(
            RecordingRules.errorRatio(longWindow)
                + " > ("
                + limit
                + ")\nand\n"
                + RecordingRules.errorRatio(shortWindow)
                + " > ("
                + limit
                + ")")
        .summary("The API burns its error budget too fast")
        .description(
            "{{ $value | humanizePercentage }} of API requests failed over "
                + longWindow
                + ": at this rate the "
                + PromFormat.percentage(slo)
                + " availability objective's monthly budget lasts "
                + (factor > 10 ? "about 2 days." : "about 5 days."))
        .meaning(
            "Multi-window burn-rate alert on the availability SLO. Same first response as HighAPIErrorRate; "
                + "the slow-burn variant catches low but steady error rates that the threshold alert misses.")
        .metrics(
            RecordingRules.errorRatio(longWindow),
            RecordingRules.errorRatio(shortWindow),
            "http_requests_total")
        .sources("backend")
        .test(
            AvailabilityAlerts.errorSplit("/api/banking/transfer", bad),
            AvailabilityAlerts.errorSplit("/api/banking/transfer", factor * budget / 2),
            Map.of(),
            PromFormat.percentage(bad)
                + " of API requests failed over "
                + longWindow
                + ": at this rate the "
                + PromFormat.percentage(slo)
                + " availability objective's monthly budget lasts "
                + (factor > 10 ? "about 2 days." : "about 5 days."));
  }

  private static double round(double v) {
    return Math.round(v * 1e9) / 1e9;
  }

  private static AlertRule transferErrors(AlertContext c) {
    String name = "HighTransferErrorRate";
    double t = c.t(name);
    double bad = Fixtures.above(t);
    String sel = "job=\"backend\",endpoint=\"/api/banking/transfer\"";
    return c.rule(name, GROUP, Severity.CRITICAL)
        .expr(
            """
            sum(rate(http_requests_total{%1$s,status=~"5.."}[5m]))
              / (sum(rate(http_requests_total{%1$s}[5m])) > 0)
            > %2$s"""
                .formatted(sel, c.n(name)))
        .summary("Money transfers fail")
        .description(
            "{{ $value | humanizePercentage }} of transfers failed with a 5xx status over 5 minutes (threshold "
                + PromFormat.percentage(t)
                + ").")
        .meaning(
            "Customers cannot move money. Check database locks and errors in Sentry for the transfer route; "
                + "idempotency keys make client retries safe.")
        .metrics("http_requests_total")
        .sources("backend")
        .test(
            AvailabilityAlerts.errorSplit("/api/banking/transfer", bad),
            AvailabilityAlerts.errorSplit("/api/banking/transfer", t / 2),
            Map.of(),
            PromFormat.percentage(bad)
                + " of transfers failed with a 5xx status over 5 minutes (threshold "
                + PromFormat.percentage(t)
                + ").");
  }
}
