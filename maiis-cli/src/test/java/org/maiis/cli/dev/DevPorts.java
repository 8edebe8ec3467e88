package org.maiis.cli.dev;

import org.maiis.testing.LoopbackPorts;

/**
 * The ports of a local stack for the dev tests, and the config that puts the stack on them (site
 * "it" on localhost, everything on 127.0.0.1, blackbox probes off, 1 s scrapes).
 */
record DevPorts(
    int api, int http, int https, int status, int prometheus, int alertmanager, int blackbox) {

  /** Ports nothing listens on now. */
  static DevPorts free() {
    return new DevPorts(
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free());
  }

  /** The dev.yaml of a stack on these ports. */
  String yaml() {
    return String.join(
        "\n",
        "version: 1",
        "site: {name: it, domain: localhost, environment: dev}",
        "nginx:",
        "  listen: {http: "
            + http
            + ", https: "
            + https
            + ", status: "
            + status
            + ", addresses: [127.0.0.1]}",
        "  upstreams: [{server: 127.0.0.1:" + api + "}]",
        monitoring(prometheus, alertmanager, api, blackbox),
        "server: {listen: 127.0.0.1:" + api + "}",
        "");
  }

  /** The monitoring section of a local stack: these jobs, 1 s scrapes, blackbox probes off. */
  static String monitoring(int prometheus, int alertmanager, int api, int blackbox) {
    return String.join(
        "\n",
        "monitoring:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "  jobs:",
        "    prometheus: {targets: [\"127.0.0.1:" + prometheus + "\"]}",
        "    alertmanager: {targets: [\"127.0.0.1:" + alertmanager + "\"]}",
        "    backend: {targets: [\"127.0.0.1:" + api + "\"]}",
        "    blackbox: {enabled: false, targets: [\"127.0.0.1:" + blackbox + "\"]}");
  }
}
