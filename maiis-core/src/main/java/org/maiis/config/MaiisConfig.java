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
    MaiisConfig config =
        new MaiisConfig(
            source,
            site,
            TlsConfig.bind(root.section("tls")),
            NginxConfig.bind(root.section("nginx")),
            MonitoringConfig.bind(root.section("monitoring")),
            SentryConfig.bind(root.section("sentry"), site.environment()),
            ServerConfig.bind(root.section("server")));
    root.done();
    return config;
  }
}
