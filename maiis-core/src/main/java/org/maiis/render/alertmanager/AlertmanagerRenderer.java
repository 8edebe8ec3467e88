package org.maiis.render.alertmanager;

import static org.maiis.render.yaml.YamlWriter.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maiis.config.MaiisConfig;
import org.maiis.config.MonitoringConfig.Receivers;
import org.maiis.render.yaml.YamlWriter;

/**
 * Renders {@code alertmanager/alertmanager.yml}: routes by severity, grouping, inhibition within an
 * alert family on one instance, the Watchdog's own route, and receivers whose secrets Alertmanager
 * reads from files.
 */
public final class AlertmanagerRenderer {
  /** Where the file goes. */
  public static final String PATH = "alertmanager/alertmanager.yml";

  private AlertmanagerRenderer() {}

  /** The file for {@code config}. */
  public static Map<String, String> render(MaiisConfig config) {
    Receivers r = config.monitoring().receivers();
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("resolve_timeout", "5m");
    r.email()
        .ifPresent(
            e -> {
              global.put("smtp_smarthost", e.smarthost());
              global.put("smtp_from", e.from());
              e.authUsername().ifPresent(u -> global.put("smtp_auth_username", u));
              e.authPasswordFile()
                  .ifPresent(p -> global.put("smtp_auth_password_file", p.toString()));
              global.put("smtp_require_tls", true);
            });
    root.put("global", global);

    Map<String, Object> route = new LinkedHashMap<>();
    route.put("receiver", "warning");
    route.put("group_by", List.of("alertname", "family", "severity"));
    route.put("group_wait", "30s");
    route.put("group_interval", "5m");
    route.put("repeat_interval", "4h");
    route.put(
        "routes",
        List.of(
            // The dead man's switch: always firing, so it is repeated often to a receiver that
            // pages when it stops arriving, and never mixed into the people's channels.
            map(
                "matchers",
                List.of("alertname=\"Watchdog\""),
                "receiver",
                "watchdog",
                "group_wait",
                "0s",
                "group_interval",
                "1m",
                "repeat_interval",
                "5m"),
            map(
                "matchers",
                List.of("severity=\"critical\""),
                "receiver",
                "critical",
                "repeat_interval",
                "1h"),
            map("matchers", List.of("severity=\"warning\""), "receiver", "warning"),
            map(
                "matchers",
                List.of("severity=\"info\""),
                "receiver",
                "info",
                "repeat_interval",
                "24h")));
    root.put("route", route);

    // A critical alert mutes the warnings and infos of its own family on the same instance
    // (DiskSpaceCritical on node-1 mutes DiskSpaceLow on node-1), never those of unrelated alerts
    // or of another host. Alerts aggregated across instances carry no instance label: there the
    // empty values are equal and the family alone decides.
    root.put(
        "inhibit_rules",
        List.of(
            map(
                "source_matchers",
                List.of("severity=\"critical\""),
                "target_matchers",
                List.of("severity=~\"warning|info\""),
                "equal",
                List.of("family", "instance")),
            map(
                "source_matchers",
                List.of("severity=\"warning\""),
                "target_matchers",
                List.of("severity=\"info\""),
                "equal",
                List.of("family", "instance"))));

    root.put(
        "receivers",
        List.of(
            receiver("critical", r, true, true),
            receiver("warning", r, false, true),
            receiver("info", r, false, false),
            watchdogReceiver(r)));
    return Map.of(
        PATH,
        YamlWriter.write("Rendered by maiis from maiis.yaml; edit that file, not this one.", root));
  }

  /**
   * The Watchdog's receiver: the webhook, which can be a dead man's switch service (it alarms when
   * the notifications stop). Without a webhook it discards the Watchdog; config validate warns.
   */
  private static Map<String, Object> watchdogReceiver(Receivers r) {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("name", "watchdog");
    webhook(rec, r, false);
    return rec;
  }

  /** One receiver; PagerDuty pages only for critical, e-mail not for info. */
  private static Map<String, Object> receiver(
      String name, Receivers r, boolean page, boolean mail) {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("name", name);
    r.slack()
        .ifPresent(
            s ->
                rec.put(
                    "slack_configs",
                    List.of(
                        map(
                            "api_url_file",
                            s.webhookUrlFile().toString(),
                            "channel",
                            s.channel(),
                            "send_resolved",
                            true,
                            "title",
                            "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})",
                            "text",
                            "{{ range .Alerts }}{{ .Annotations.description }}\n{{ .Annotations.runbook_url }}\n{{ end }}"))));
    if (mail) {
      r.email()
          .ifPresent(
              e -> rec.put("email_configs", List.of(map("to", e.to(), "send_resolved", true))));
    }
    if (page) {
      r.pagerduty()
          .ifPresent(
              p ->
                  rec.put(
                      "pagerduty_configs",
                      List.of(
                          map(
                              "routing_key_file", p.routingKeyFile().toString(),
                              "severity", "critical",
                              "description",
                                  "{{ .CommonLabels.alertname }}: {{ .CommonAnnotations.summary }}"))));
    }
    webhook(rec, r, true);
    return rec;
  }

  /** Adds the webhook, when one is configured, to receiver {@code rec}. */
  private static void webhook(Map<String, Object> rec, Receivers r, boolean sendResolved) {
    r.webhook()
        .ifPresent(
            w ->
                rec.put(
                    "webhook_configs",
                    List.of(map("url", w.url().toString(), "send_resolved", sendResolved))));
  }
}
