package org.maiis.render.compose;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.maiis.config.MaiisConfig;
import org.maiis.config.MonitoringConfig;

/**
 * Where each compose service runs and listens, read from the scrape targets in maiis.yaml: a
 * service binds exactly the address Prometheus scrapes it at (with host networking), so the compose
 * file and prometheus.yml cannot disagree. When the targets name more than one host, every service
 * carries its host as a compose profile: {@code docker compose --profile 10.0.1.10 up -d} on that
 * host starts what belongs there.
 */
final class Placement {
  private final MaiisConfig config;
  private final String monitoringHost;
  private final Set<String> hosts = new LinkedHashSet<>();

  Placement(MaiisConfig config) {
    this.config = config;
    this.monitoringHost = host(bind(targets("prometheus").get(0)));
    for (String job : List.of("prometheus", "alertmanager")) {
      targets(job).forEach(t -> hosts.add(profileOf(bind(t))));
    }
    config.monitoring().jobs().entrySet().stream()
        .filter(j -> j.getValue().enabled() && ExporterServices.runs(j.getKey()))
        .forEach(j -> j.getValue().targets().forEach(t -> hosts.add(profileOf(bind(t)))));
  }

  /** The targets of {@code job} (its default when none are configured). */
  List<String> targets(String job) {
    List<String> targets = config.monitoring().jobs().get(job).targets();
    return targets.isEmpty() ? MonitoringConfig.KNOWN_JOBS.get(job) : targets;
  }

  /** The address a service scraped at {@code target} binds ({@code localhost} as 127.0.0.1). */
  static String bind(String target) {
    String host = host(target);
    return (host.equals("localhost") ? "127.0.0.1" : host)
        + target.substring(target.lastIndexOf(':'));
  }

  /** The host part of {@code host:port}. */
  static String host(String hostPort) {
    return hostPort.substring(0, hostPort.lastIndexOf(':'));
  }

  /** Whether {@code host} is a loopback address, reachable only from its own machine. */
  static boolean loopback(String host) {
    return host.startsWith("127.") || host.equals("localhost") || host.equals("[::1]");
  }

  /**
   * The compose profile of a service bound at {@code bind}, or null when the stack runs on one host
   * and needs none. A loopback service is scraped over Prometheus' own loopback, so it runs on
   * Prometheus' host.
   */
  String profile(String bind) {
    return hosts.size() > 1 ? profileOf(bind) : null;
  }

  /** The hosts the stack runs on, when more than one. */
  List<String> hosts() {
    return hosts.size() > 1 ? List.copyOf(hosts) : List.of();
  }

  private String profileOf(String bind) {
    String host = host(bind);
    return loopback(host) ? monitoringHost : host;
  }
}
