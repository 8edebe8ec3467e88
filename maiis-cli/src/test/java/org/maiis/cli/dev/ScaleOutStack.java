package org.maiis.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Assertions;
import org.maiis.cli.MaiisJar;
import org.maiis.cli.TestEnv;
import org.maiis.dev.HealthProbe;
import org.maiis.dev.ManagedProcess;
import org.maiis.dev.ProcessSupervisor;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;
import org.maiis.testing.TestCertificates;
import org.maiis.tls.TrustBundles;

/**
 * Two {@code maiis serve} processes of the shaded jar on free loopback ports, sharing the
 * PostgreSQL and Redis of the test environment (MAIIS_TEST_PG_URL, MAIIS_TEST_REDIS_URL), an
 * S3-compatible store (s3rver) and one JWT secret, behind the nginx that {@code maiis config render
 * --private-prefix} makes from one maiis.yaml naming both as upstream servers. Processes run under
 * the dev stack's {@link ProcessSupervisor}, one log each, and are stopped on close.
 */
final class ScaleOutStack implements AutoCloseable {
  static final String SITE = "scale";
  static final String BUCKET = "maiis-scale";

  final Path dir;
  final int apiA;
  final int apiB;
  final int https;
  final int s3;
  final Path s3Root;
  final Map<String, String> env;
  final ProcessSupervisor supervisor;
  final Path nginxPrefix;
  private final List<ManagedProcess> started = new ArrayList<>();
  private ManagedProcess instanceB;

  private ScaleOutStack(Path dir, Map<String, String> env) throws IOException {
    this.dir = dir;
    this.env = env;
    this.apiA = LoopbackPorts.free();
    this.apiB = LoopbackPorts.free();
    this.https = LoopbackPorts.free();
    this.s3 = LoopbackPorts.free();
    this.s3Root = Files.createDirectories(dir.resolve("s3"));
    this.supervisor = new ProcessSupervisor(dir.resolve("state"));
    this.nginxPrefix = dir.resolve("rendered/nginx");
  }

  /** Starts s3rver, instance A, instance B and nginx, each once healthy (bounded waits). */
  static ScaleOutStack start(Path dir) throws Exception {
    Path nginx = ExternalTools.SYSTEM.require("nginx", "nginx");
    Path s3rver =
        ExternalTools.SYSTEM.require("s3rver", "npm install -g s3rver@3.7.1 (needs nodejs npm)");
    ScaleOutStack stack = new ScaleOutStack(dir, sharedBackendEnv());
    try {
      stack.launch(nginx, s3rver);
    } catch (Exception | AssertionError e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /**
   * The environment both instances resolve their secrets from: database and Redis of the test
   * environment, s3rver's fixed keys, and one random JWT secret (the shared signing key is what
   * lets a token from one instance pass on the other).
   */
  private static Map<String, String> sharedBackendEnv() {
    ExternalTools.SYSTEM.require("pg_ctlcluster", "postgresql");
    ExternalTools.SYSTEM.require("redis-server", "redis-server");
    TestEnv.require("PostgreSQL and Redis", "MAIIS_TEST_PG_URL", "MAIIS_TEST_REDIS_URL");
    Map<String, String> sys = System.getenv();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Map.of(
        "MAIIS_TEST_PG_PASSWORD",
        sys.getOrDefault("MAIIS_TEST_PG_PASSWORD", ""),
        "SCALE_JWT_SECRET",
        HexFormat.of().formatHex(secret),
        "SCALE_S3_KEY",
        "S3RVER",
        "SCALE_S3_SECRET",
        "S3RVER");
  }

  private void launch(Path nginx, Path s3rver) throws Exception {
    // nginx started as root runs its workers as nobody, who must pass through these directories.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path certs = dir.resolve("certs");
    TestCertificates.writeSelfSigned(certs.resolve("live").resolve(SITE), "localhost", "127.0.0.1");
    Path config = dir.resolve("maiis.yaml");
    Files.writeString(config, config(certs));

    started.add(
        supervisor.start(
            "s3rver",
            List.of(
                s3rver.toString(),
                "-d",
                s3Root.toString(),
                "-a",
                "127.0.0.1",
                "-p",
                Integer.toString(s3),
                "--silent"),
            Map.of(),
            "http://127.0.0.1:" + s3,
            Optional.empty()));
    awaitPort(s3, started.get(0));

    // One after the other: the first creates the bucket, the second finds it.
    awaitHealthy(startInstance("api-a", config, apiA));
    instanceB = startInstance("api-b", config, apiB);
    awaitHealthy(instanceB);

    MaiisJar.Run render =
        MaiisJar.run(
            dir,
            "config",
            "render",
            "-c",
            config.toString(),
            "--only",
            "nginx",
            "--private-prefix",
            "--out",
            dir.resolve("rendered").toString());
    assertEquals(0, render.code(), render.err());
    Files.setPosixFilePermissions(
        dir.resolve("rendered"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(nginxPrefix, PosixFilePermissions.fromString("rwxr-xr-x"));
    ManagedProcess front =
        supervisor.start(
            "nginx",
            List.of(
                nginx.toString(),
                "-p",
                nginxPrefix + "/",
                "-c",
                "nginx.conf",
                "-e",
                "error.log",
                "-g",
                "daemon off;"),
            Map.of(),
            "https://localhost:" + https,
            Optional.empty());
    started.add(front);
    awaitPort(https, front);
  }

  private String config(Path certs) {
    String pg = System.getenv("MAIIS_TEST_PG_URL");
    String redis = System.getenv("MAIIS_TEST_REDIS_URL");
    String user = System.getenv().getOrDefault("MAIIS_TEST_PG_USER", "maiis");
    return String.join(
        "\n",
        "version: 1",
        "site: {name: " + SITE + ", domain: localhost, environment: dev}",
        "tls: {cert_dir: " + certs + ", webroot: " + dir.resolve("acme") + "}",
        "nginx:",
        "  listen: {http: "
            + LoopbackPorts.free()
            + ", https: "
            + https
            + ", status: "
            + LoopbackPorts.free()
            + ", addresses: [127.0.0.1]}",
        "  upstreams:",
        // A short fail_timeout so that a test sees nginx try a dead instance again soon.
        "    - {server: 127.0.0.1:" + apiA + ", fail_timeout: 2s}",
        "    - {server: 127.0.0.1:" + apiB + ", fail_timeout: 2s}",
        // One test client sends every request from one address: the per-address limits are
        // raised so that they do not decide the outcome (DevStackIT checks that they bite).
        "  rate_limits:",
        "    api: {rate: 2000r/s, burst: 2000}",
        "    auth: {rate: 6000r/m, burst: 200}",
        "    upload: {rate: 100r/s, burst: 100}",
        "  connections_per_ip: 500",
        "server:",
        "  listen: 127.0.0.1:" + apiA,
        "  jwt_secret: ${SCALE_JWT_SECRET}",
        "  database:",
        "    url: " + pg,
        "    user: " + user,
        "    password: ${MAIIS_TEST_PG_PASSWORD}",
        "  cache: {redis_url: " + redis + "}",
        "  storage:",
        "    type: s3",
        "    endpoint: http://127.0.0.1:" + s3,
        "    bucket: " + BUCKET,
        "    access_key: ${SCALE_S3_KEY}",
        "    secret_key: ${SCALE_S3_SECRET}",
        "  banking: {max_transaction: 1000000, daily_limit: 1000000000}",
        "");
  }

  private ManagedProcess startInstance(String name, Path config, int port) throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            MaiisJar.path().toString(),
            "serve",
            "-c",
            config.toString(),
            "--port",
            Integer.toString(port),
            "--data-dir",
            dir.resolve(name).toString());
    ManagedProcess mp =
        supervisor.start(
            name,
            cmd,
            env,
            "http://127.0.0.1:" + port,
            Optional.of("http://127.0.0.1:" + port + "/health/ready"));
    started.add(mp);
    return mp;
  }

  /** Instance B's process, which a test may kill. */
  ManagedProcess instanceB() {
    return instanceB;
  }

  /** An HTTP client trusting the stack's test certificate. */
  HttpClient client() throws Exception {
    SSLContext ctx = TrustBundles.sslContext(dir.resolve("certs/live/" + SITE + "/fullchain.pem"));
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** nginx's JSON access log. */
  Path accessLog() {
    return nginxPrefix.resolve("access.log");
  }

  private void awaitHealthy(ManagedProcess mp) throws Exception {
    HealthProbe probe = new HealthProbe(HttpClient.newHttpClient(), Duration.ofSeconds(2));
    Instant deadline = Instant.now().plusSeconds(90);
    while (!probe.healthy(mp.healthUrl().orElseThrow())) {
      assertTrue(
          supervisor.alive(mp).isPresent(), mp.name() + " exited: " + Files.readString(mp.log()));
      assertTrue(Instant.now().isBefore(deadline), mp.name() + " never became healthy");
      Thread.sleep(200);
    }
  }

  private void awaitPort(int port, ManagedProcess mp) throws Exception {
    for (int i = 0; i < 150; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException e) {
        assertTrue(
            supervisor.alive(mp).isPresent(), mp.name() + " exited: " + Files.readString(mp.log()));
        Thread.sleep(100);
      }
    }
    Assertions.fail(mp.name() + " did not listen on " + port);
  }

  @Override
  public void close() throws IOException {
    supervisor.stopAll(Duration.ofSeconds(10));
  }
}
