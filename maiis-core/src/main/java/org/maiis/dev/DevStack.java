package org.maiis.dev;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.maiis.acme.CertLock;
import org.maiis.acme.CertificateStore;
import org.maiis.config.MaiisConfig;
import org.maiis.config.NginxConfig;
import org.maiis.render.Artifacts;
import org.maiis.render.monitoring.MonitoringRenderer;
import org.maiis.render.nginx.NginxArtifact;
import org.maiis.render.nginx.NginxRuntime;
import org.maiis.render.output.Artifact;
import org.maiis.render.output.Templates;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;

/**
 * The whole platform as local processes under one state directory: the API ({@code maiis serve}),
 * nginx with the rendered config and a self-signed certificate, Prometheus with the rendered rules,
 * Alertmanager and the blackbox exporter. Ports come from the config: the API from server.listen,
 * nginx from nginx.listen, the monitoring daemons from their scrape job's first target.
 *
 * <p>Layout: {@code rendered/} (config render output), {@code certs/live/SITE/}, {@code data/} (the
 * API's state), {@code prometheus/}, {@code alertmanager/}, {@code logs/} and the process records
 * of {@link ProcessSupervisor}.
 */
public final class DevStack {
  /** How long the self-signed certificate is valid. */
  static final Duration CERT_VALIDITY = Duration.ofDays(90);

  private final MaiisConfig config;
  private final Path configFile;
  private final Path stateDir;
  private final List<String> maiisCommand;

  /**
   * A stack for {@code config} (read from {@code configFile}) kept under {@code stateDir}.
   *
   * @param maiisCommand how to run this maiis (java binary and jar), to start {@code serve}
   */
  public DevStack(MaiisConfig config, Path configFile, Path stateDir, List<String> maiisCommand) {
    this.config = config;
    this.configFile = configFile.toAbsolutePath().normalize();
    this.stateDir = stateDir.toAbsolutePath().normalize();
    this.maiisCommand = List.copyOf(maiisCommand);
  }

  /** The state directory. */
  public Path stateDir() {
    return stateDir;
  }

  /** Where the rendered config goes. */
  public Path renderedDir() {
    return stateDir.resolve("rendered");
  }

  /** The certificate directory nginx serves from. */
  public Path certDir() {
    return stateDir.resolve("certs");
  }

  /**
   * The components to start, in order; one whose program {@code find} does not know is planned as
   * not installed.
   */
  public List<DevComponent> plan(Function<String, Optional<Path>> find) {
    List<DevComponent> out = new ArrayList<>();
    String api = config.server().host() + ":" + config.server().port();
    List<String> serve = new ArrayList<>(maiisCommand);
    serve.addAll(
        List.of(
            "serve",
            "-c",
            configFile.toString(),
            "--data-dir",
            dir("data").toString(),
            "--cert-dir",
            certDir().toString()));
    out.add(
        new DevComponent(
            "api",
            "maiis",
            Optional.of(serve),
            // The Swagger UI: a page that answers (the API has nothing at /).
            "http://" + api + "/api/docs",
            Optional.of("http://" + api + "/health"),
            List.of(
                new DevComponent.Bind(
                    config.server().host(), config.server().port(), "server.listen"))));

    NginxConfig n = config.nginx();
    Path prefix = renderedDir().resolve("nginx");
    out.add(
        component(
            "nginx",
            "nginx",
            find,
            List.of("-p", prefix + "/", "-e", "error.log", "-c", "nginx.conf", "-g", "daemon off;"),
            "https://" + config.site().domain() + ":" + n.httpsPort() + "/api/docs",
            "http://127.0.0.1:" + n.statusPort() + "/stub_status",
            nginxBinds(n)));

    out.add(
        scrapeJob(
            "prometheus",
            "prometheus",
            find,
            "/-/ready",
            at ->
                List.of(
                    "--config.file=" + rendered("prometheus/prometheus.yml"),
                    "--storage.tsdb.path=" + dir("prometheus"),
                    "--web.listen-address=" + at)));
    out.add(
        scrapeJob(
            "alertmanager",
            "prometheus-alertmanager",
            find,
            "/-/ready",
            at ->
                List.of(
                    "--config.file=" + rendered("alertmanager/alertmanager.yml"),
                    "--storage.path=" + dir("alertmanager"),
                    "--web.listen-address=" + at,
                    // No gossip port: a single local instance needs no cluster.
                    "--cluster.listen-address=")));
    out.add(
        scrapeJob(
            "blackbox",
            "prometheus-blackbox-exporter",
            find,
            "/-/healthy",
            at ->
                List.of(
                    "--config.file=" + rendered("blackbox/blackbox.yml"),
                    "--web.listen-address=" + at)));
    return out;
  }

  /**
   * A server that listens where its scrape job (named like the component) expects it, on the job's
   * first target: {@code args} gets that address.
   */
  private DevComponent scrapeJob(
      String job,
      String program,
      Function<String, Optional<Path>> find,
      String healthPath,
      Function<String, List<String>> args) {
    String at = listenAddress(job);
    return component(
        job,
        program,
        find,
        args.apply(at),
        "http://" + at + "/",
        "http://" + at + healthPath,
        List.of(DevComponent.Bind.of(at, "monitoring.jobs." + job + ".targets")));
  }

  /**
   * Renders the config into {@link #renderedDir()} (nginx pointed at {@link #certDir()}, logs and
   * temp files inside its prefix) and makes the directories nginx's workers pass through
   * world-readable: nginx started as root runs them as nobody.
   */
  public void render() throws IOException {
    List<Artifact> artifacts = new ArrayList<>();
    artifacts.add(new NginxArtifact(NginxRuntime.privatePrefix(Optional.of(certDir()))));
    artifacts.addAll(MonitoringRenderer.artifacts());
    Files.createDirectories(stateDir);
    new Artifacts(artifacts).renderAll(config, Templates.builtIn()).writeTo(renderedDir());
    for (Path p : List.of(stateDir, renderedDir(), renderedDir().resolve("nginx"))) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /**
   * Makes a self-signed certificate for site.domain and site.alt_names in {@code certs/live/SITE/},
   * unless one is there that is valid for another day.
   *
   * @return whether a new certificate was made
   */
  public boolean ensureCertificate(Instant now) throws IOException {
    CertificateStore store = new CertificateStore(certDir());
    String lineage = CertificateStore.checkName(config.site().name());
    Optional<List<X509Certificate>> chain = store.currentChain(lineage);
    if (chain.isPresent()
        && !chain.get().isEmpty()
        && chain.get().get(0).getNotAfter().toInstant().isAfter(now.plus(Duration.ofDays(1)))) {
      return false;
    }
    List<String> names = new ArrayList<>();
    names.add(config.site().domain());
    names.addAll(config.site().altNames());
    KeyPair key = KeyPairs.generate(config.tls().keyType());
    X509Certificate cert =
        Certificates.selfSigned(
            key, names, now.minus(Duration.ofMinutes(5)), now.plus(CERT_VALIDITY));
    store.createLayout();
    try (CertLock lock = CertLock.acquire(store.root(), Duration.ofSeconds(10))) {
      store.install(lineage, key, List.of(cert));
    }
    return true;
  }

  private DevComponent component(
      String name,
      String program,
      Function<String, Optional<Path>> find,
      List<String> args,
      String url,
      String healthUrl,
      List<DevComponent.Bind> binds) {
    Optional<List<String>> command =
        find.apply(program)
            .map(
                p -> {
                  List<String> c = new ArrayList<>();
                  c.add(p.toString());
                  c.addAll(args);
                  return List.copyOf(c);
                });
    return new DevComponent(name, program, command, url, Optional.of(healthUrl), binds);
  }

  // Each listen address serves HTTP and HTTPS (none listed: every address); status on loopback.
  private static List<DevComponent.Bind> nginxBinds(NginxConfig n) {
    List<DevComponent.Bind> out = new ArrayList<>();
    List<String> addresses =
        n.listenAddresses().isEmpty() ? List.of("0.0.0.0") : n.listenAddresses();
    for (String a : addresses) {
      String host = a.startsWith("[") ? a.substring(1, a.length() - 1) : a;
      out.add(new DevComponent.Bind(host, n.httpPort(), "nginx.listen.http"));
      out.add(new DevComponent.Bind(host, n.httpsPort(), "nginx.listen.https"));
    }
    out.add(new DevComponent.Bind("127.0.0.1", n.statusPort(), "nginx.listen.status"));
    return out;
  }

  /** The first target of a scrape job, as host:port (a URL target gives its authority). */
  private String listenAddress(String job) {
    String target = config.monitoring().jobs().get(job).targets().get(0);
    if (target.startsWith("http://") || target.startsWith("https://")) {
      URI u = URI.create(target);
      return u.getHost() + ":" + u.getPort();
    }
    return target;
  }

  private Path dir(String name) {
    return stateDir.resolve(name);
  }

  private Path rendered(String path) {
    return renderedDir().resolve(path);
  }
}
