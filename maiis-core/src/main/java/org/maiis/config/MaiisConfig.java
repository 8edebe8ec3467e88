package org.maiis.config;

/**
 * One deployment, as described by {@code maiis.yaml}. Every rendered file, certificate and the
 * server derive from it.
 *
 * @param source where it was read from, for messages ("built-in defaults" when none)
 * @param site what is served
 * @param tls certificates and TLS profile
 * @param nginx the front proxy
 * @param monitoring Prometheus, Alertmanager, Grafana
 * @param sentry error reporting
 * @param server the platform API
 */
public record MaiisConfig(
    String source,
    SiteConfig site,
    TlsConfig tls,
    NginxConfig nginx,
    MonitoringConfig monitoring,
    SentryConfig sentry,
    ServerConfig server) {

  /** The schema version this build reads. */
  public static final int SCHEMA_VERSION = 1;

  static MaiisConfig bind(String source, Section root) {
    root.integer("version", SCHEMA_VERSION, SCHEMA_VERSION, SCHEMA_VERSION);
    SiteConfig site = SiteConfig.bind(root.section("site"));
    Section nginx = root.section("nginx");
    Section monitoring = root.section("monitoring");
    Section server = root.section("server");
    MaiisConfig config =
        new MaiisConfig(
            source,
            site,
            TlsConfig.bind(root.section("tls")),
            NginxConfig.bind(nginx),
            MonitoringConfig.bind(monitoring),
            SentryConfig.bind(root.section("sentry"), site.environment()),
            ServerSection.bind(server));
    if (root.clean()) {
      // Only sound values can contradict each other; the problems found so far come first.
      Addresses.check(config, nginx, monitoring, server);
    }
    root.done();
    return config;
  }
}
