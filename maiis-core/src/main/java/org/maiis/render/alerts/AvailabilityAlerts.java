package org.maiis.render.alerts;

import static org.maiis.render.alerts.Fixtures.up;

import java.util.List;
import java.util.Map;
import org.maiis.config.Durations;

/** Critical alerts: a service is down or the API fails its users. */
final class AvailabilityAlerts {
  private AvailabilityAlerts() {}

  static final String GROUP = "availability";

  static List<AlertRule> rules(AlertContext c) {
    return List.of(
        serviceDown(c),
        highApiErrorRate(c),
        exporterDown(c, "PostgreSQLDown", "postgres", "pg_up", "PostgreSQL"),
        exporterDown(c, "RedisDown", "redis", "redis_up", "Redis"),
        targetDown(c, "QdrantDown", "qdrant", "Qdrant vector database"),
        targetDown(c, "MinIODown", "minio", "MinIO object storage"),
        probeFailed(
            c, "OllamaDown", "ollama", "http://llm-1:11434/api/version", "Ollama LLM server"),
        probeFailed(
            c,
            "BackendHealthCheckFailed",
            "backend",
            "http://app-1:8000/health/ready",
            "API readiness check"),
        CertificateAlerts.expiring(c, "SSLCertificateExpiringCritical", GROUP, Severity.CRITICAL));
  }

  private static AlertRule serviceDown(AlertContext c) {
    String name = "ServiceDown";
    String forText = Durations.format(c.forOf(name));
    return c.rule(name, GROUP, Severity.CRITICAL)
        .expr("up{job=~\"backend|nginx|node|cadvisor|blackbox|mtail|alertmanager\"} == 0")
        .summary("A scrape target is down")
        .description(
            "{{ $labels.job }} target {{ $labels.instance }} has not answered a scrape for "
                + forText
                + ".")
        .meaning(
            "Prometheus cannot scrape the target: the process is down, its port is blocked, or the host is gone. "
                + "Check the process and its logs on that host; the job-specific alerts say more for databases.")
        .metrics("up")
        .sources("backend", "nginx", "node", "cadvisor", "blackbox", "mtail", "alertmanager")
        .test(
            List.of(up("backend", "app-1:8000", 0), up("node", "node-1:9100", 1)),
            List.of(up("backend", "app-1:8000", 1), up("node", "node-1:9100", 1)),
            Map.of("job", "backend", "instance", "app-1:8000"),
            "backend target app-1:8000 has not answered a scrape for " + forText + ".");
  }

  private static AlertRule highApiErrorRate(AlertContext c) {
    String name = "HighAPIErrorRate";
    double t = c.t(name);
    double bad = Fixtures.above(t);
    double quiet = t / 2;
    return c.rule(name, GROUP, Severity.CRITICAL)
        .expr(
            """
            sum(rate(http_requests_total{job="backend",status=~"5.."}[5m]))
              / (sum(rate(http_requests_total{job="backend"}[5m])) > 0)
            > %s"""
                .formatted(c.n(name)))
        .summary("The API answers too many requests with 5xx")
        .description(
            "{{ $value | humanizePercentage }} of API requests failed with a 5xx status over 5 minutes (threshold "
                + PromFormat.percentage(t)
                + ").")
        .meaning(
            "Users see errors. Look at the top failing endpoints on the Application Performance dashboard, "
                + "recent deploys, and the database and cache alerts; Sentry has the exceptions.")
        .metrics("http_requests_total")
        .sources("backend")
        .test(
            errorSplit("/api/banking/accounts", bad),
            errorSplit("/api/banking/accounts", quiet),
            Map.of(),
            PromFormat.percentage(bad)
                + " of API requests failed with a 5xx status over 5 minutes (threshold "
                + PromFormat.percentage(t)
                + ").");
  }

  /** 10 requests per second on one endpoint, {@code errorRatio} of them 500s. */
  static List<Series> errorSplit(String endpoint, double errorRatio) {
    return Fixtures.split(
        Target.APP.with("method", "POST", "endpoint", endpoint),
        "http_requests_total",
        10,
        errorRatio,
        "status",
        "500",
        "200");
  }

  private static AlertRule exporterDown(
      AlertContext c, String name, String job, String upMetric, String what) {
    Target target =
        new Target("job", job, "instance", job.equals("postgres") ? "db-1:9187" : "cache-1:9121");
    String instance = target.get("instance");
    return c.rule(name, GROUP, Severity.CRITICAL)
        .expr(upMetric + "{job=\"" + job + "\"} == 0 or up{job=\"" + job + "\"} == 0")
        .summary(what + " is down")
        .description(what + " behind {{ $labels.instance }} is unreachable.")
        .meaning(
            "The exporter cannot reach "
                + what
                + ", or the exporter itself is down. The API's readiness check "
                + "fails with it. Check the "
                + what
                + " service, its disk and its logs.")
        .metrics(upMetric, "up")
        .sources(job)
        .test(
            List.of(target.gauge(upMetric, 0), target.gauge("up", 1)),
            List.of(target.gauge(upMetric, 1), target.gauge("up", 1)),
            target.labels(),
            what + " behind " + instance + " is unreachable.");
  }

  private static AlertRule targetDown(AlertContext c, String name, String job, String what) {
    Target target = new Target("job", job, "instance", job + "-1:9000");
    String instance = target.get("instance");
    return c.rule(name, GROUP, Severity.CRITICAL)
        .expr("up{job=\"" + job + "\"} == 0")
        .summary(what + " is down")
        .description(what + " at {{ $labels.instance }} does not answer its metrics endpoint.")
        .meaning(
            what
                + " is unreachable; features that depend on it fail. Check the service and its logs.")
        .metrics("up")
        .sources(job)
        .testGauge(
            target,
            "up",
            0,
            1,
            what + " at " + instance + " does not answer its metrics endpoint.");
  }

  private static AlertRule probeFailed(
      AlertContext c, String name, String service, String url, String what) {
    Target probe = new Target("job", "blackbox-http", "service", service, "instance", url);
    return c.rule(name, GROUP, Severity.CRITICAL)
        .expr("probe_success{job=\"blackbox-http\",service=\"" + service + "\"} == 0")
        .summary(what + " fails")
        .description("The blackbox probe of {{ $labels.instance }} fails.")
        .meaning(
            "An HTTP probe of "
                + what
                + " does not get a 2xx answer. Open the URL from the Prometheus host; "
                + "the probe's logs are at the blackbox exporter's /logs page.")
        .metrics("probe_success")
        .sources("probe-" + service)
        .testGauge(probe, "probe_success", 0, 1, "The blackbox probe of " + url + " fails.");
  }
}
