package org.maiis.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Prometheus, Alertmanager and Grafana settings.
 *
 * @param scrapeInterval default scrape interval
 * @param evaluationInterval rule evaluation interval
 * @param jobs every known scrape job, enabled or not, in a fixed order
 * @param alerts every tunable alert with its effective threshold (defaults merged with overrides)
 * @param receivers where alerts are sent
 * @param runbookBaseUrl base of the runbook links in alert annotations
 * @param remoteWriteUrl optional long-term store
 * @param grafana Grafana provisioning
 */
public record MonitoringConfig(
    Duration scrapeInterval,
    Duration evaluationInterval,
    Map<String, ScrapeJob> jobs,
    Map<String, AlertDefaults.Threshold> alerts,
    Receivers receivers,
    URI runbookBaseUrl,
    Optional<URI> remoteWriteUrl,
    Grafana grafana) {

  /**
   * A scrape job.
   *
   * @param enabled whether it is rendered
   * @param targets host:port targets (or URLs for blackbox probes)
   * @param interval scrape interval, or empty for the global one
   * @param bearerTokenFile file with a bearer token Prometheus sends (MinIO needs one)
   */
  public record ScrapeJob(
      boolean enabled,
      List<String> targets,
      Optional<Duration> interval,
      Optional<Path> bearerTokenFile) {}

  /**
   * Alert receivers. Secrets are files Alertmanager reads, so they never enter rendered config.
   *
   * @param slack Slack incoming webhook
   * @param email SMTP e-mail
   * @param pagerduty PagerDuty Events v2
   * @param webhook generic webhook
   */
  public record Receivers(
      Optional<Slack> slack,
      Optional<Email> email,
      Optional<PagerDuty> pagerduty,
      Optional<Webhook> webhook) {}

  /**
   * Slack receiver.
   *
   * @param webhookUrlFile file holding the webhook URL
   * @param channel channel name such as #alerts
   */
  public record Slack(Path webhookUrlFile, String channel) {}

  /**
   * E-mail receiver.
   *
   * @param to recipient
   * @param from sender
   * @param smarthost SMTP relay host:port
   * @param authUsername SMTP user
   * @param authPasswordFile file holding the SMTP password
   */
  public record Email(
      String to,
      String from,
      String smarthost,
      Optional<String> authUsername,
      Optional<Path> authPasswordFile) {}

  /**
   * PagerDuty receiver.
   *
   * @param routingKeyFile file holding the Events v2 routing key
   */
  public record PagerDuty(Path routingKeyFile) {}

  /**
   * Generic webhook receiver.
   *
   * @param url the endpoint (no credentials in it)
   */
  public record Webhook(URI url) {}

  /**
   * Grafana provisioning.
   *
   * @param prometheusUrl URL Grafana reaches Prometheus at
   * @param alertmanagerUrl URL Grafana reaches Alertmanager at
   * @param adminPasswordFile file holding the admin password
   */
  public record Grafana(URI prometheusUrl, URI alertmanagerUrl, Optional<Path> adminPasswordFile) {}

  /** The scrape jobs maiis knows how to render, with their default targets. */
  public static final Map<String, List<String>> KNOWN_JOBS;

  static {
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    jobs.put("prometheus", List.of("127.0.0.1:9090"));
    jobs.put("alertmanager", List.of("127.0.0.1:9093"));
    jobs.put("backend", List.of("127.0.0.1:8000"));
    jobs.put("nginx", List.of("127.0.0.1:9113"));
    jobs.put("postgres", List.of("127.0.0.1:9187"));
    jobs.put("redis", List.of("127.0.0.1:9121"));
    jobs.put("qdrant", List.of("127.0.0.1:6333"));
    jobs.put("minio", List.of("127.0.0.1:9000"));
    jobs.put("node", List.of("127.0.0.1:9100"));
    jobs.put("cadvisor", List.of("127.0.0.1:8080"));
    jobs.put("blackbox", List.of("127.0.0.1:9115"));
    jobs.put("mtail", List.of("127.0.0.1:3903"));
    KNOWN_JOBS = Collections.unmodifiableMap(jobs);
  }

  private static final List<String> ENABLED_BY_DEFAULT =
      List.of("prometheus", "alertmanager", "backend");

  /**
   * The shortest range the rendered rules take a rate or increase over ({@code [5m]}); a test of
   * the alert catalog keeps it true.
   */
  public static final Duration SHORTEST_RULE_WINDOW = Duration.ofMinutes(5);

  /**
   * The longest scrape interval such a window tolerates: four samples, as Prometheus advises, so
   * that one failed scrape still leaves the two a rate needs, with room for jitter.
   */
  public static final Duration LONGEST_SCRAPE_INTERVAL = SHORTEST_RULE_WINDOW.dividedBy(4);

  static MonitoringConfig bind(Section s) {
    Duration scrape = s.duration("scrape_interval", Duration.ofSeconds(15));
    blindWindow(s, "scrape_interval", scrape);
    Duration eval = s.duration("evaluation_interval", Duration.ofSeconds(15));

    Map<String, ScrapeJob> given =
        s.named("jobs", KNOWN_JOBS.keySet(), "docs/CONFIGURATION.md", MonitoringConfig::job);
    Map<String, ScrapeJob> jobs = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> known : KNOWN_JOBS.entrySet()) {
      ScrapeJob j = given.get(known.getKey());
      boolean enabled = j != null ? j.enabled() : ENABLED_BY_DEFAULT.contains(known.getKey());
      List<String> targets = j != null && !j.targets().isEmpty() ? j.targets() : known.getValue();
      jobs.put(
          known.getKey(),
          new ScrapeJob(
              enabled,
              targets,
              j != null ? j.interval() : Optional.empty(),
              j != null ? j.bearerTokenFile() : Optional.empty()));
    }

    Map<String, AlertDefaults.Threshold> overrides =
        s.named(
            "alerts",
            AlertDefaults.all().keySet(),
            "docs/RUNBOOKS.md",
            MonitoringConfig::threshold);
    Map<String, AlertDefaults.Threshold> alerts = new LinkedHashMap<>();
    AlertDefaults.all()
        .forEach(
            (name, def) -> {
              AlertDefaults.Threshold o = overrides.get(name);
              alerts.put(
                  name,
                  o == null
                      ? def
                      : new AlertDefaults.Threshold(
                          o.threshold().isPresent() ? o.threshold() : def.threshold(),
                          o.forDuration() != null ? o.forDuration() : def.forDuration(),
                          def.unit()));
            });

    Receivers receivers = receivers(s.section("receivers"));
    URI runbooks =
        URI.create(
            s.string(
                "runbook_base_url",
                "https://github.com/maiis/maiis/blob/main/docs/RUNBOOKS.md",
                Check.HTTP_URL));
    Optional<URI> remoteWrite = s.optString("remote_write_url", Check.HTTP_URL).map(URI::create);

    Grafana grafana =
        s.section(
            "grafana",
            g ->
                new Grafana(
                    URI.create(g.string("prometheus_url", "http://127.0.0.1:9090", Check.HTTP_URL)),
                    URI.create(
                        g.string("alertmanager_url", "http://127.0.0.1:9093", Check.HTTP_URL)),
                    g.optPath("admin_password_file", Check.ABSOLUTE_PATH)));
    s.done();
    return new MonitoringConfig(
        scrape,
        eval,
        Collections.unmodifiableMap(jobs),
        Collections.unmodifiableMap(alerts),
        receivers,
        runbooks,
        remoteWrite,
        grafana);
  }

  /** Rejects a scrape interval that leaves the rules' rate windows too few samples. */
  private static void blindWindow(Section s, String key, Duration interval) {
    if (interval != null && interval.compareTo(LONGEST_SCRAPE_INTERVAL) > 0) {
      s.error(
          key,
          Durations.format(interval)
              + " leaves the alerts' ["
              + Durations.format(SHORTEST_RULE_WINDOW)
              + "] rate windows fewer than 4 samples, so they miss or never see a change",
          "at most " + Durations.format(LONGEST_SCRAPE_INTERVAL) + ", such as the default 15s");
    }
  }

  private static ScrapeJob job(String name, Section j) {
    ScrapeJob job =
        new ScrapeJob(
            j.bool("enabled", true),
            new ArrayList<>(j.strings("targets", List.of(), Check.ANY_LINE)),
            j.optDuration("interval"),
            j.optPath("bearer_token_file", Check.ABSOLUTE_PATH));
    job.interval().ifPresent(i -> blindWindow(j, "interval", i));
    for (int i = 0; i < job.targets().size(); i++) {
      String t = job.targets().get(i);
      boolean url = t.startsWith("http://") || t.startsWith("https://");
      String problem = url ? Check.HTTP_URL.problem(t) : hostPortProblem(t);
      if (problem != null) {
        j.error(
            "targets",
            "target " + (i + 1) + ": " + problem,
            "host:port, or an http(s) URL for probes");
      }
    }
    j.done();
    return job;
  }

  private static String hostPortProblem(String t) {
    int colon = t.lastIndexOf(':');
    if (colon <= 0
        || !t.substring(colon + 1).matches("\\d{1,5}")
        || Integer.parseInt(t.substring(colon + 1)) > 65535
        || Integer.parseInt(t.substring(colon + 1)) == 0) {
      return Check.quote(t) + " is not host:port";
    }
    return Check.HOST.problem(t.substring(0, colon));
  }

  /** The longest 'for': the rendered promtool tests replay every minute of it. */
  private static final Duration LONGEST_FOR = Duration.ofDays(1);

  private static AlertDefaults.Threshold threshold(String name, Section a) {
    AlertDefaults.Threshold def = AlertDefaults.all().get(name);
    boolean ratio = def.unit().startsWith("ratio");
    double t = a.number("threshold", Double.NaN, 0, ratio ? 1 : 1e12);
    if (def.unit().equals("availability SLO") && !Double.isNaN(t)) {
      // The burn alerts fire at factor x (1 - objective) errors: 14.4x (fast) or 6x (slow) of a
      // looser objective's budget is more than every request failing.
      double lowest = name.endsWith("Fast") ? 0.94 : 0.84;
      if (t < lowest || t >= 1) {
        a.error(
            "threshold",
            Check.fmt(t) + " is not an objective this burn rate can alert on",
            "an availability objective from " + lowest + " to below 1, such as 0.999");
        t = Double.NaN;
      }
    }
    if (t == 0 && def.unit().matches("(seconds|hours|days)\\b.*")) {
      // A latency, lag or age above zero is always true, and zero days ahead forecasts nothing.
      a.error(
          "threshold",
          "0 is no threshold for a time",
          def.unit().split(" ")[0]
              + " above 0, such as the default "
              + Check.fmt(def.threshold().getAsDouble()));
      t = Double.NaN;
    }
    if (ratio && t == 1) {
      a.error("threshold", "1 is a ratio no series can exceed", "a ratio below 1, such as 0.85");
      t = Double.NaN;
    }
    if (!Double.isNaN(t) && def.threshold().isEmpty()) {
      a.error(
          "threshold", name + " is an up/down alert with no threshold", "only 'for' may be set");
      t = Double.NaN;
    }
    Duration forDuration = a.optDuration("for").orElse(null);
    if (forDuration != null && forDuration.compareTo(LONGEST_FOR) > 0) {
      a.error("for", "longer than a day", "at most 1d; for slower trends lower the threshold");
      forDuration = null;
    }
    Duration effectiveFor = forDuration != null ? forDuration : def.forDuration();
    if (!Double.isNaN(t)
        && def.unit().startsWith("hours until full")
        && t * 3600 <= effectiveFor.plusMinutes(5).toSeconds()) {
      // A forecast must reach further than the alert waits, or the disk is full before it fires.
      a.error(
          "threshold",
          Check.fmt(t)
              + " hours is no longer than its 'for' ("
              + Durations.format(effectiveFor)
              + ") plus 5 minutes",
          "a horizon longer than that, such as the default "
              + Check.fmt(def.threshold().getAsDouble()));
      t = Double.NaN;
    }
    AlertDefaults.Threshold th =
        new AlertDefaults.Threshold(
            Double.isNaN(t) ? OptionalDouble.empty() : OptionalDouble.of(t), forDuration, "");
    a.done();
    return th;
  }

  private static Receivers receivers(Section r) {
    Optional<Slack> slack = Optional.empty();
    if (r.has("slack")) {
      Section s = r.section("slack");
      String channel = s.string("channel", "#alerts", Check.CHANNEL);
      slack = required(s, "webhook_url_file").map(p -> new Slack(p, channel));
      s.done();
    }
    Optional<Email> email = Optional.empty();
    if (r.has("email")) {
      Section e = r.section("email");
      Optional<String> to = e.optString("to", Check.EMAIL);
      Optional<String> from = e.optString("from", Check.EMAIL);
      Optional<String> host = e.optString("smarthost", Check.ANY_LINE);
      host.map(MonitoringConfig::hostPortProblem)
          .ifPresent(p -> e.error("smarthost", p, "host:port such as smtp.example.com:587"));
      for (String k : List.of("to", "from", "smarthost")) {
        if (!e.has(k)) {
          e.error(k, "missing", "required for e-mail");
        }
      }
      Optional<String> user = e.optString("auth_username", Check.ANY_LINE);
      Optional<Path> pw = e.optPath("auth_password_file", Check.ABSOLUTE_PATH);
      if (to.isPresent()
          && from.isPresent()
          && host.isPresent()
          && hostPortProblem(host.get()) == null) {
        email = Optional.of(new Email(to.get(), from.get(), host.get(), user, pw));
      }
      e.done();
    }
    Optional<PagerDuty> pd = Optional.empty();
    if (r.has("pagerduty")) {
      Section p = r.section("pagerduty");
      pd = required(p, "routing_key_file").map(PagerDuty::new);
      p.done();
    }
    Optional<Webhook> hook = Optional.empty();
    if (r.has("webhook")) {
      Section w = r.section("webhook");
      hook = w.optString("url", Check.HTTP_URL).map(u -> new Webhook(URI.create(u)));
      if (!w.has("url")) {
        w.error("url", "missing", "url: https://hooks.example.com/alerts");
      }
      w.done();
    }
    if (pd.isPresent() && slack.isEmpty() && email.isEmpty() && hook.isEmpty()) {
      // PagerDuty takes only critical alerts: warnings (a disk at 85 %, failing renewals) would be
      // routed to a receiver with nowhere to send them.
      r.error(
          "pagerduty",
          "pages only for critical alerts, and no other receiver takes the warnings",
          "slack, email or webhook as well");
    }
    r.done();
    return new Receivers(slack, email, pd, hook);
  }

  private static Optional<Path> required(Section s, String key) {
    if (!s.has(key)) {
      s.error(key, "missing", "an absolute path to a file holding the secret");
      return Optional.empty();
    }
    return s.optPath(key, Check.ABSOLUTE_PATH);
  }
}
