package org.maiis.render.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;
import org.maiis.testing.TestCertificates;
import org.maiis.testing.TestConfigs;
import org.maiis.tls.TrustBundles;

/**
 * The two other TLS shapes on a real nginx: the modern profile (TLS 1.3 only), and intermediate
 * with an RSA certificate from a local test CA, where the DHE suites use the shipped RFC 7919
 * group.
 */
class NginxTlsProfilesIT {
  private static final ProcessRunner RUN = new ProcessRunner(Duration.ofSeconds(60));

  @TempDir Path tmp;

  @Test
  void modernOffersTls13Only() throws Exception {
    Path nginx = ExternalTools.SYSTEM.require("nginx", "nginx");
    Path live = Files.createDirectories(tmp.resolve("certs/live/maiis"));
    TestCertificates.writeSelfSigned(live, "localhost", "127.0.0.1");
    int https = LoopbackPorts.free();
    try (EchoUpstream upstream = new EchoUpstream();
        RunningNginx running =
            RunningNginx.start(nginx, config("modern", "ec256", https, upstream), tmp, https)) {
      assertFalse(Files.exists(running.prefix().resolve("ffdhe2048.pem")));
      String scan = sslscan(https);
      assertTrue(scan.matches("(?s).*TLSv1\\.2\\s+disabled.*"), scan);
      assertTrue(scan.matches("(?s).*TLSv1\\.3\\s+enabled.*"), scan);
      for (String suite : acceptedSuites(scan)) {
        assertTrue(suite.startsWith("TLSv1.3 "), suite);
      }
    }
  }

  @Test
  void intermediateWithRsaFromATestCaUsesTheRfc7919Group() throws Exception {
    Path nginx = ExternalTools.SYSTEM.require("nginx", "nginx");
    ExternalTools.SYSTEM.require("openssl", "openssl");
    Path ca = Files.createDirectories(tmp.resolve("ca"));
    Path live = Files.createDirectories(tmp.resolve("certs/live/maiis"));
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=maiis test CA",
        "-keyout",
        ca.resolve("ca.key").toString(),
        "-out",
        ca.resolve("ca.pem").toString());
    openssl(
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        live.resolve("privkey.pem").toString(),
        "-out",
        ca.resolve("leaf.csr").toString());
    Files.writeString(ca.resolve("leaf.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(
        "x509",
        "-req",
        "-in",
        ca.resolve("leaf.csr").toString(),
        "-CA",
        ca.resolve("ca.pem").toString(),
        "-CAkey",
        ca.resolve("ca.key").toString(),
        "-set_serial",
        "4097",
        "-days",
        "2",
        "-extfile",
        ca.resolve("leaf.ext").toString(),
        "-out",
        live.resolve("fullchain.pem").toString());
    int https = LoopbackPorts.free();
    try (EchoUpstream upstream = new EchoUpstream();
        RunningNginx running =
            RunningNginx.start(
                nginx, config("intermediate", "rsa2048", https, upstream), tmp, https)) {
      assertTrue(Files.exists(running.prefix().resolve("ffdhe2048.pem")));
      String scan = sslscan(https);
      List<String> dhe = acceptedSuites(scan).stream().filter(s -> s.contains(" DHE-")).toList();
      assertFalse(dhe.isEmpty(), scan);
      for (String line : scan.split("\n")) {
        if (line.contains(" DHE-RSA-")) {
          assertTrue(line.contains("DHE 2048 bits"), line);
        }
      }
      for (String suite : acceptedSuites(scan)) {
        String name = suite.split(" ")[1];
        assertTrue(
            suite.startsWith("TLSv1.3 ") || name.startsWith("ECDHE-") || name.startsWith("DHE-"),
            suite);
      }

      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(TrustBundles.sslContext(ca.resolve("ca.pem")))
              .version(HttpClient.Version.HTTP_2)
              .build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https + "/api/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals(HttpClient.Version.HTTP_2, r.version());
    }
  }

  private MaiisConfig config(String profile, String keyType, int https, EchoUpstream upstream)
      throws IOException {
    RunningNginx.readable(tmp);
    String yaml =
        String.join(
            "\n",
            "version: 1",
            "tls: {profile: "
                + profile
                + ", key_type: "
                + keyType
                + ", cert_dir: "
                + tmp.resolve("certs")
                + ", webroot: "
                + tmp.resolve("acme")
                + "}",
            "nginx:",
            TestConfigs.loopbackListen(https),
            "  upstreams: [{server: 127.0.0.1:" + upstream.port() + "}]",
            "");
    return new ConfigLoader(Map.<String, String>of()::get).parse("it.yaml", yaml);
  }

  private static void openssl(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    ProcessRunner.Result r = RUN.run(cmd);
    assertTrue(r.ok(), String.join(" ", cmd) + "\n" + r.stderr());
  }

  private static String sslscan(int port) throws IOException {
    Path sslscan = ExternalTools.SYSTEM.require("sslscan", "sslscan");
    ProcessRunner.Result r =
        RUN.run(List.of(sslscan.toString(), "--no-colour", "127.0.0.1:" + port));
    assertTrue(r.ok(), r.stderr());
    return r.stdout();
  }

  /** "PROTOCOL SUITE" for every Preferred/Accepted line of an sslscan report. */
  static List<String> acceptedSuites(String scan) {
    List<String> suites = new ArrayList<>();
    for (String line : scan.split("\n")) {
      if (line.startsWith("Preferred ") || line.startsWith("Accepted ")) {
        String[] f = line.trim().split("\\s+");
        suites.add(f[1] + " " + f[4]);
      }
    }
    return suites;
  }
}
