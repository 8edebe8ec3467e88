package org.maiis.render.grafana;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;

/** The configs the Grafana and compose renderers are tested with. */
public final class RenderConfigs {
  private RenderConfigs() {}

  /**
   * Every scrape job on, PostgreSQL and Redis with secrets, Grafana with an admin password file.
   */
  public static final String ALL_JOBS_YAML =
      """
      monitoring:
        scrape_interval: 30s
        jobs:
          prometheus: {targets: ["127.0.0.1:19090"]}
          node: {enabled: true}
          postgres: {enabled: true}
          redis: {enabled: true}
          qdrant: {enabled: true}
          minio: {enabled: true}
          nginx: {enabled: true}
          cadvisor: {enabled: true}
          blackbox: {enabled: true}
          mtail: {enabled: true, targets: ["127.0.0.1:3913"]}
        alerts:
          HighCPUUsage: {threshold: 0.9}
        grafana:
          prometheus_url: http://127.0.0.1:19090
          admin_password_file: /etc/maiis/secrets/grafana-admin-password
      server:
        database:
          url: jdbc:postgresql://127.0.0.1:5432/maiis
          user: maiis
          password: ${file:/etc/maiis/secrets/postgres-password}
          pool_size: 20
        cache:
          redis_url: redis://127.0.0.1:6379/0
          password: ${file:/etc/maiis/secrets/redis-password}
      """;

  /** The built-in defaults (no file). */
  public static MaiisConfig defaults() {
    return parse("{}");
  }

  /** Every job enabled. */
  public static MaiisConfig allJobs() {
    return parse(ALL_JOBS_YAML);
  }

  /**
   * The configs that have reviewed goldens, each with the name of its golden directory ({@code
   * default}, {@code all-jobs}).
   */
  public static Stream<Arguments> withGoldens() {
    return Stream.of(Arguments.of("default", defaults()), Arguments.of("all-jobs", allJobs()));
  }

  /** {@code yaml} parsed with an empty environment. */
  public static MaiisConfig parse(String yaml) {
    return new ConfigLoader(k -> null).parse("test.yaml", yaml);
  }
}
