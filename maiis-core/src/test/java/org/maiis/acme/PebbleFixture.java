package org.maiis.acme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.files.AtomicFiles;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;
import org.maiis.tls.Pem;
import org.maiis.tls.TrustBundles;

/**
 * Debian's real Pebble (and pebble-challtestsrv as its DNS) on loopback, with a CA and TLS
 * certificate generated here and trusted by the client through {@link #caBundle()}. One per test
 * class; {@link #close()} stops both processes.
 */
public final class PebbleFixture implements AutoCloseable {
  /** The EAB key ids and HMAC keys of {@link Options#eab} Pebbles. */
  public static final Map<String, String> EAB_KEYS =
      Map.of("kid-1", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W");

  /**
   * How to start it.
   *
   * @param validitySeconds certificate lifetime
   * @param nonceRejectPercent PEBBLE_WFE_NONCEREJECT
   * @param eab whether external account binding is required
   * @param authzReusePercent PEBBLE_AUTHZREUSE: how often a valid authorization is reused
   */
  public record Options(
      long validitySeconds, int nonceRejectPercent, boolean eab, int authzReusePercent) {
    /** Pebble that never reuses a valid authorization (as far as it can: see AUTHZREUSE). */
    public Options(long validitySeconds, int nonceRejectPercent, boolean eab) {
      this(validitySeconds, nonceRejectPercent, eab, 0);
    }
  }

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final int acmePort;
  private final int managementPort;
  private final int httpPort;
  private final int challManagementPort;
  private final HttpClient http;

  private PebbleFixture(Path dir, Options o) throws IOException, InterruptedException {
    Path pebble = ExternalTools.SYSTEM.require("pebble", "pebble");
    Path chall = ExternalTools.SYSTEM.require("pebble-challtestsrv", "pebble");
    this.dir = dir;
    acmePort = LoopbackPorts.free();
    managementPort = LoopbackPorts.free();
    httpPort = LoopbackPorts.free();
    int tlsPort = LoopbackPorts.free();
    int dnsPort = LoopbackPorts.free();
    challManagementPort = LoopbackPorts.free();

    Instant now = Instant.now();
    KeyPair caKey = KeyPairs.generate(KeyType.EC256);
    X509Certificate ca =
        Certificates.authority(
            caKey, "maiis test CA", now.minusSeconds(600), now.plusSeconds(86400));
    KeyPair serverKey = KeyPairs.generate(KeyType.EC256);
    X509Certificate server =
        Certificates.issue(
            ca,
            caKey.getPrivate(),
            serverKey.getPublic(),
            List.of("127.0.0.1", "localhost"),
            now.minusSeconds(600),
            now.plusSeconds(86400));
    AtomicFiles.writeString(dir.resolve("ca.pem"), Pem.certificates(List.of(ca)));
    AtomicFiles.writeString(dir.resolve("server.pem"), Pem.certificates(List.of(server)));
    AtomicFiles.writeString(dir.resolve("server.key"), Pem.privateKey(serverKey.getPrivate()));
    StringBuilder eab = new StringBuilder();
    for (var e : EAB_KEYS.entrySet()) {
      eab.append(eab.length() == 0 ? "" : ",")
          .append('"')
          .append(e.getKey())
          .append("\":\"")
          .append(e.getValue())
          .append('"');
    }
    String cfg =
        "{\"pebble\":{"
            + "\"listenAddress\":\"127.0.0.1:"
            + acmePort
            + "\","
            + "\"managementListenAddress\":\"127.0.0.1:"
            + managementPort
            + "\","
            + "\"certificate\":\""
            + dir.resolve("server.pem")
            + "\","
            + "\"privateKey\":\""
            + dir.resolve("server.key")
            + "\","
            + "\"httpPort\":"
            + httpPort
            + ",\"tlsPort\":"
            + tlsPort
            + ","
            + "\"ocspResponderURL\":\"\","
            + "\"externalAccountBindingRequired\":"
            + o.eab()
            + ","
            + "\"externalAccountMACKeys\":{"
            + eab
            + "},"
            + "\"certificateValidityPeriod\":"
            + o.validitySeconds()
            + "}}";
    AtomicFiles.writeString(dir.resolve("pebble.json"), cfg);

    start(
        List.of(
            chall.toString(),
            "-dns01",
            "127.0.0.1:" + dnsPort,
            "-http01",
            "",
            "-https01",
            "",
            "-tlsalpn01",
            "",
            "-management",
            "127.0.0.1:" + challManagementPort,
            "-defaultIPv4",
            "127.0.0.1",
            "-defaultIPv6",
            ""),
        Map.of(),
        "challtestsrv.log");
    start(
        List.of(
            pebble.toString(),
            "-config",
            dir.resolve("pebble.json").toString(),
            "-dnsserver",
            "127.0.0.1:" + dnsPort),
        Map.of(
            "PEBBLE_VA_NOSLEEP", "1",
            "PEBBLE_WFE_NONCEREJECT", Integer.toString(o.nonceRejectPercent()),
            "PEBBLE_AUTHZREUSE", Integer.toString(o.authzReusePercent())),
        "pebble.log");
    http =
        HttpClient.newBuilder()
            .sslContext(TrustBundles.sslContext(caBundle()))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    awaitUp();
  }

  /** Starts Pebble in {@code dir} (its config, keys and logs go there). */
  public static PebbleFixture start(Path dir, Options o) throws IOException, InterruptedException {
    PebbleFixture f = new PebbleFixture(dir, o);
    return f;
  }

  /** The ACME directory URL. */
  public URI directory() {
    return URI.create("https://127.0.0.1:" + acmePort + "/dir");
  }

  /**
   * A lineage {@code name} for {@code name.example.test} (EC P-256), proven by http-01 from the
   * built-in server on Pebble's validation port and ordered from {@code directory} (Pebble's or a
   * front's).
   *
   * @param profile the ACME profile, or null
   * @param deployHook the deploy hook, or null
   */
  public LineageSettings standalone(String name, URI directory, String profile, String deployHook) {
    return lineage(
        name,
        directory,
        LineageSettings.Challenge.standalone(httpPort, "127.0.0.1"),
        profile,
        deployHook);
  }

  /** As {@link #standalone}, proven by {@code challenge}. */
  public LineageSettings lineage(
      String name,
      URI directory,
      LineageSettings.Challenge challenge,
      String profile,
      String deployHook) {
    return new LineageSettings(
        name,
        List.of(name + ".example.test"),
        directory,
        caBundle(),
        challenge,
        KeyType.EC256,
        profile,
        deployHook,
        null);
  }

  /**
   * A lineage {@code name} for {@code domains} (EC P-256), proven through files in {@code webroot}
   * and ordered from Pebble itself.
   *
   * @param deployHook the deploy hook, or null
   * @param eabKid the external account binding's key id, or null
   */
  public LineageSettings webroot(
      String name, List<String> domains, Path webroot, String deployHook, String eabKid) {
    return new LineageSettings(
        name,
        domains,
        directory(),
        caBundle(),
        LineageSettings.Challenge.webroot(webroot),
        KeyType.EC256,
        null,
        deployHook,
        eabKid);
  }

  /** The PEM bundle to trust for Pebble's own TLS. */
  public Path caBundle() {
    return dir.resolve("ca.pem");
  }

  /** Pebble's TLS certificate and key (for a fake CA front that clients trust the same way). */
  public Path serverCertificate() {
    return dir.resolve("server.pem");
  }

  /** The key of {@link #serverCertificate()}. */
  public Path serverKey() {
    return dir.resolve("server.key");
  }

  /**
   * Server TLS with {@link #serverCertificate()} and its key: a fake CA front listening with it is
   * trusted through {@link #caBundle()} exactly as Pebble is.
   */
  public SSLContext serverSslContext() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "k",
        Pem.readKeyPair(serverKey()).getPrivate(),
        new char[0],
        Pem.readCertificates(serverCertificate()).toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** The port Pebble sends http-01 validation requests to. */
  public int httpPort() {
    return httpPort;
  }

  /** Pebble's issuing root (management /roots/0), to verify issued chains against. */
  public X509Certificate root() throws IOException, InterruptedException {
    return Pem.parseCertificates(get(managementPort, "/roots/0"), "pebble root").get(0);
  }

  /** Pebble's revocation record of a certificate (management /cert-status-by-serial/HEX). */
  public String certStatus(String serialHex) throws IOException, InterruptedException {
    return get(managementPort, "/cert-status-by-serial/" + serialHex);
  }

  /** The challtestsrv management URL (for /set-txt and /clear-txt). */
  public String challManagement() {
    return "http://127.0.0.1:" + challManagementPort;
  }

  private String get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  private void start(List<String> cmd, Map<String, String> env, String log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(log).toFile());
    pb.environment().putAll(env);
    processes.add(pb.start());
  }

  // Pebble creates its CA keys first, and every validation resolves names through challtestsrv:
  // both must answer, within a deadline a loaded two-core runner can meet.
  private void awaitUp() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        get(acmePort, "/dir");
        try (java.net.Socket s = new java.net.Socket()) {
          s.connect(new java.net.InetSocketAddress("127.0.0.1", challManagementPort), 2_000);
        }
        return;
      } catch (IOException e) {
        last = e;
        for (Process p : processes) {
          if (!p.isAlive()) {
            throw new IOException(
                "pebble exited: " + Files.readString(dir.resolve("pebble.log")), e);
          }
        }
        Thread.sleep(50);
      }
    }
    throw new IOException("pebble did not start", last);
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
