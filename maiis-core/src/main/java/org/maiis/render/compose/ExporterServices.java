package org.maiis.render.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maiis.config.MaiisConfig;
import org.maiis.config.MonitoringConfig;
import org.maiis.config.Secret;
import org.maiis.config.ServerConfig;

/**
 * The exporters of the enabled scrape jobs. Each listens at its target in maiis.yaml (one service
 * per target), so Prometheus finds it where the config says. Passwords reach exporters as compose
 * secrets (files) or as environment references resolved by compose, never as values.
 */
final class ExporterServices {
  /** nginx's stub_status listener (loopback only), which nginx-prometheus-exporter reads. */

  /** The JSON access log the mtail program reads. */
  static final String NGINX_LOG_DIR = "/var/log/nginx";

  /**
   * Where node_exporter's textfile collector looks (Debian's default directory), for the
   * certificate metrics {@code maiis ssl renew --metrics-file} writes.
   */
  static final String TEXTFILE_DIR = "/var/lib/prometheus/node-exporter";

  private final MaiisConfig config;
  final Map<String, Object> secrets = new LinkedHashMap<>();

  ExporterServices(MaiisConfig config) {
    this.config = config;
  }

  /** The compose service of each job that needs an exporter, in the jobs' order. */
  private static final Map<String, String> SERVICES =
      Map.of(
          "nginx", "nginx-exporter",
          "postgres", "postgres-exporter",
          "redis", "redis-exporter",
          "node", "node-exporter",
          "cadvisor", "cadvisor",
          "blackbox", "blackbox-exporter",
          "mtail", "mtail");

  /**
   * Whether the compose file runs an exporter for {@code job}. Not for prometheus and alertmanager
   * (the core stack) nor backend, qdrant and minio, which serve /metrics themselves.
   */
  static boolean runs(String job) {
    return SERVICES.containsKey(job);
  }

  /**
   * Exporter services by name, for the enabled jobs that need one, in the jobs' order: one per
   * target, each bound where Prometheus scrapes it ({@code node-exporter}, {@code node-exporter-2},
   * ...).
   */
  Map<String, Service> services(Placement placement) {
    Map<String, Service> out = new LinkedHashMap<>();
    for (Map.Entry<String, MonitoringConfig.ScrapeJob> job :
        config.monitoring().jobs().entrySet()) {
      if (!job.getValue().enabled() || !runs(job.getKey())) {
        continue;
      }
      List<String> targets = placement.targets(job.getKey());
      for (int i = 0; i < targets.size(); i++) {
        String listen = Placement.bind(targets.get(i));
        Service s =
            switch (job.getKey()) {
              case "nginx" -> nginx(listen, config.nginx().statusPort());
              case "postgres" -> postgres(listen);
              case "redis" -> redis(listen);
              case "node" -> node(listen);
              case "cadvisor" -> cadvisor(listen);
              case "blackbox" -> blackbox(listen);
              default -> mtail(listen);
            };
        String name = SERVICES.get(job.getKey()) + (i == 0 ? "" : "-" + (i + 1));
        out.put(name, s.profile(placement.profile(listen)));
      }
    }
    return out;
  }

  /** The exporter reads the stub_status listener the nginx renderer puts on loopback. */
  private static Service nginx(String listen, int statusPort) {
    return new Service(MonitoringImages.NGINX_EXPORTER)
        .command(
            "--nginx.scrape-uri=http://127.0.0.1:" + statusPort + "/stub_status",
            "--web.listen-address=" + listen);
  }

  private Service postgres(String listen) {
    ServerConfig.Database db = config.server().database();
    Service s =
        new Service(MonitoringImages.POSTGRES_EXPORTER)
            .command("--web.listen-address=" + listen)
            .env("DATA_SOURCE_URI", postgresUri(db.url()));
    db.user().ifPresent(u -> s.env("DATA_SOURCE_USER", u));
    db.password()
        .ifPresent(
            p -> {
              if (p.kind() == Secret.Kind.FILE) {
                s.env("DATA_SOURCE_PASS_FILE", secret("postgres_password", p.name()))
                    .secret("postgres_password");
              } else {
                s.env("DATA_SOURCE_PASS", "${" + p.name() + "}");
              }
            });
    return s;
  }

  /** {@code host:port/db?params} from the JDBC URL, as postgres_exporter's DATA_SOURCE_URI. */
  static String postgresUri(Optional<String> jdbcUrl) {
    String url =
        jdbcUrl
            .filter(u -> u.startsWith("jdbc:postgresql://"))
            .map(u -> u.substring("jdbc:postgresql://".length()))
            .orElse("127.0.0.1:5432/postgres");
    if (url.contains("sslmode=")) {
      return url;
    }
    String host = url.replaceFirst("[:/?].*$", "");
    // lib/pq's default is sslmode=require; a loopback server usually has no TLS.
    String mode = host.equals("127.0.0.1") || host.equals("localhost") ? "disable" : "require";
    return url + (url.contains("?") ? "&" : "?") + "sslmode=" + mode;
  }

  private Service redis(String listen) {
    ServerConfig.Cache cache = config.server().cache();
    Service s =
        new Service(MonitoringImages.REDIS_EXPORTER)
            .env("REDIS_ADDR", cache.redisUrl().orElse("redis://127.0.0.1:6379"))
            .env("REDIS_EXPORTER_WEB_LISTEN_ADDRESS", listen);
    cache
        .password()
        .ifPresent(
            p -> {
              if (p.kind() == Secret.Kind.FILE) {
                String file = secret("redis_password", p.name());
                // redis_exporter reads a password only from its environment; $$ escapes compose.
                s.secret("redis_password")
                    .entrypoint(
                        "/bin/sh",
                        "-c",
                        "REDIS_PASSWORD=\"$$(cat " + file + ")\" exec /redis_exporter");
              } else {
                s.env("REDIS_PASSWORD", "${" + p.name() + "}");
              }
            });
    return s;
  }

  private static Service node(String listen) {
    return new Service(MonitoringImages.NODE_EXPORTER)
        .set("pid", "host")
        .command(
            "--path.rootfs=/host",
            "--web.listen-address=" + listen,
            "--collector.textfile.directory=/host" + TEXTFILE_DIR)
        .volume("/:/host:ro,rslave");
  }

  private static Service cadvisor(String listen) {
    int colon = listen.lastIndexOf(':');
    return new Service(MonitoringImages.CADVISOR)
        .set("privileged", true)
        .set("devices", List.of("/dev/kmsg"))
        .command(
            "--listen_ip=" + listen.substring(0, colon),
            "--port=" + listen.substring(colon + 1),
            "--docker_only=true",
            "--housekeeping_interval=30s")
        .volume("/:/rootfs:ro")
        .volume("/var/run:/var/run:ro")
        .volume("/sys:/sys:ro")
        .volume("/var/lib/docker:/var/lib/docker:ro")
        .volume("/dev/disk:/dev/disk:ro");
  }

  private static Service blackbox(String listen) {
    return new Service(MonitoringImages.BLACKBOX_EXPORTER)
        .command(
            "--config.file=/etc/blackbox_exporter/config.yml", "--web.listen-address=" + listen)
        .volume("../blackbox/blackbox.yml:/etc/blackbox_exporter/config.yml:ro");
  }

  private static Service mtail(String listen) {
    int colon = listen.lastIndexOf(':');
    return new Service(MonitoringImages.MTAIL)
        .command(
            "--progs=/etc/mtail",
            "--logs=" + NGINX_LOG_DIR + "/access.log",
            "--address=" + listen.substring(0, colon),
            "--port=" + listen.substring(colon + 1))
        .volume("../mtail:/etc/mtail:ro")
        .volume(NGINX_LOG_DIR + ":" + NGINX_LOG_DIR + ":ro");
  }

  /** Declares a file secret; returns where the service sees it. */
  private String secret(String name, String hostFile) {
    secrets.put(name, Map.of("file", hostFile));
    return "/run/secrets/" + name;
  }
}
