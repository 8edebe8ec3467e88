package org.maiis.config;

import static java.util.stream.Collectors.joining;

import java.net.URI;
import java.util.List;

/**
 * Checks across sections that every address one part of the stack dials is one another part listens
 * on. The rendered compose file binds each monitoring service at its scrape target, so the
 * remaining ways to build a stack that cannot work are: scraping or proxying to an API that listens
 * where the target cannot reach, and pointing Grafana at a Prometheus or Alertmanager address that
 * no service binds.
 */
final class Addresses {
  private Addresses() {}

  /** Reports each contradiction at the field that names the unreachable address. */
  static void check(MaiisConfig c, Section nginx, Section monitoring, Section server) {
    if (server.has("listen")) {
      api(c, nginx, monitoring);
    }
    if (monitoring.has("grafana")) {
      Section g = monitoring.section("grafana");
      grafana(g, "prometheus_url", c.monitoring().grafana().prometheusUrl(), c, "prometheus");
      grafana(g, "alertmanager_url", c.monitoring().grafana().alertmanagerUrl(), c, "alertmanager");
    }
  }

  /**
   * The API's scrape targets and upstreams against an explicit server.listen (the default is a
   * default, not a statement about where the API runs).
   */
  private static void api(MaiisConfig c, Section nginx, Section monitoring) {
    String listen = c.server().host() + ":" + c.server().port();
    MonitoringConfig.ScrapeJob backend = c.monitoring().jobs().get("backend");
    Section jobs = monitoring.section("jobs");
    if (backend.enabled() && jobs.has("backend")) {
      Section b = jobs.section("backend");
      for (int i = 0; i < backend.targets().size(); i++) {
        String why = unreachable(host(backend.targets().get(i)), c.server().host());
        if (why != null) {
          b.itemError("targets", i, "", message(backend.targets().get(i), why, listen), fix(c));
        }
      }
    }
    List<NginxConfig.Upstream> ups = c.nginx().upstreams();
    for (int i = 0; i < ups.size() && nginx.has("upstreams"); i++) {
      String why = unreachable(ups.get(i).host(), c.server().host());
      if (why != null) {
        nginx.itemError(
            "upstreams",
            i,
            "server",
            message(ups.get(i).host() + ":" + ups.get(i).port(), why, listen),
            fix(c));
      }
    }
  }

  private static String message(String target, String why, String listen) {
    return target + " cannot reach the API: server.listen " + listen + why;
  }

  private static String fix(MaiisConfig c) {
    String host = c.server().host();
    return "server.listen 0.0.0.0:"
        + c.server().port()
        + (loopback(host) ? ", or a loopback target" : ", or targets on " + host);
  }

  /**
   * Why a client dialing {@code target} never reaches a server bound to {@code listen}, or null
   * when it may (a name may resolve to anything; 0.0.0.0 takes every address).
   */
  static String unreachable(String target, String listen) {
    if (wildcard(listen) || !literal(target) || !literal(listen)) {
      return null;
    }
    if (loopback(listen) && !loopback(target)) {
      return " takes connections from its own host only";
    }
    if (!loopback(listen) && (loopback(target) || !target.equals(listen))) {
      return " takes only connections to " + listen;
    }
    return null;
  }

  private static void grafana(Section g, String key, URI url, MaiisConfig c, String job) {
    if (!g.has(key) || url.getHost() == null) {
      return;
    }
    String host = url.getHost().equals("localhost") ? "127.0.0.1" : url.getHost();
    int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
    if (!literal(host)) {
      return;
    }
    List<String> targets = c.monitoring().jobs().get(job).targets();
    String address = host + ":" + port;
    boolean bound =
        targets.stream()
            .map(
                t ->
                    (host(t).equals("localhost") ? "127.0.0.1" : host(t))
                        + t.substring(t.lastIndexOf(':')))
            .anyMatch(address::equals);
    if (!bound) {
      g.error(
          key,
          address
              + " is not where the rendered "
              + job
              + " listens (monitoring.jobs."
              + job
              + ".targets)",
          targets.stream().map(t -> url.getScheme() + "://" + t).collect(joining(" or ")));
    }
  }

  private static String host(String hostPort) {
    return hostPort.substring(0, hostPort.lastIndexOf(':'));
  }

  private static boolean wildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  private static boolean loopback(String host) {
    return host.startsWith("127.") || host.equals("localhost") || host.equals("[::1]");
  }

  /** An IP address, or localhost (which always means loopback). */
  private static boolean literal(String host) {
    return host.equals("localhost")
        || host.matches("\\d{1,3}(\\.\\d{1,3}){3}")
        || host.startsWith("[");
  }
}
