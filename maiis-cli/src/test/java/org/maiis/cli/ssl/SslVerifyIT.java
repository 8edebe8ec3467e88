package org.maiis.cli.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateStore;
import org.maiis.cli.common.ExitCodes;
import org.maiis.tls.Pem;

/** verify against a real TLS listener serving a lineage's certificate. */
class SslVerifyIT {
  @TempDir Path tmp;

  /** Serves live/NAME as it is now, on loopback, until closed. */
  static SSLServerSocket serve(CertificateStore store, String name) throws Exception {
    var chain = store.currentChain(name).get();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "k",
        store.currentKey(name).getPrivate(),
        new char[0],
        chain.toArray(new java.security.cert.X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket s =
        (SSLServerSocket)
            ctx.getServerSocketFactory().createServerSocket(0, 4, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!s.isClosed()) {
                try (SSLSocket c = (SSLSocket) s.accept()) {
                  c.startHandshake();
                } catch (Exception e) {
                  // closed, or the client hung up after the handshake
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return s;
  }

  @Test
  void anEndpointThatCannotBeReachedIsAOneLineFailure() throws Exception {
    int closed;
    try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Cli c = Cli.run("ssl", "verify", "127.0.0.1:" + closed, "--cert-dir", tmp.toString());
    assertEquals(ExitCodes.FAILURE, c.code(), c.toString());
    assertTrue(c.err().startsWith("maiis ssl verify: 127.0.0.1:" + closed + ": "), c.err());
    assertEquals(1, c.err().lines().count(), c.err());
    assertEquals("", c.out());
  }

  @Test
  void reportsTheServedCertificateAndWhetherItIsTheNewestOfTheLineage() throws Exception {
    String dir = tmp.resolve("certs").toString();
    Cli.run("ssl", "self-signed", "-d", "localhost", "--name", "web", "--cert-dir", dir);
    CertificateStore store = new CertificateStore(Path.of(dir));
    Path bundle = tmp.resolve("trust.pem");
    java.nio.file.Files.writeString(
        bundle, Pem.certificates(List.of(store.currentChain("web").get().get(0))));
    try (SSLServerSocket server = serve(store, "web")) {
      String endpoint = "127.0.0.1:" + server.getLocalPort();
      Cli ok = verifyLocalhost(endpoint, dir, "--ca-bundle", bundle.toString());
      assertEquals(0, ok.code(), ok.toString());
      assertTrue(ok.out().contains("chain:     valid\n"), ok.out());
      assertTrue(ok.out().contains("lineage:   newest\n"), ok.out());
      assertTrue(ok.out().startsWith("protocol:  TLSv1.3 "), ok.out());

      Cli untrusted = verifyLocalhost(endpoint, dir);
      assertEquals(ExitCodes.CERTIFICATE_EXPIRING, untrusted.code());
      assertTrue(untrusted.out().contains("chain:     INVALID"), untrusted.out());

      // A new version in the store while the server still serves the old one.
      Cli.run("ssl", "self-signed", "-d", "localhost", "--name", "web", "--cert-dir", dir);
      Cli stale = verifyLocalhost(endpoint, dir, "--ca-bundle", bundle.toString(), "--json");
      assertEquals(ExitCodes.CERTIFICATE_EXPIRING, stale.code(), stale.toString());
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stale.out());
      assertEquals("older", json.get("local_lineage").asText());
      assertTrue(json.get("chain_valid").asBoolean());
      assertTrue(json.get("name_matches").asBoolean());
    }
  }

  @Test
  void aPlainTcpPortIsNamedAsNotTlsAndBadEndpointsAreUsageErrors() throws Exception {
    try (var plain = new java.net.ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                while (!plain.isClosed()) {
                  try (var c = plain.accept()) {
                    c.getOutputStream()
                        .write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes("US-ASCII"));
                  } catch (Exception e) {
                    // closed
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      String endpoint = "127.0.0.1:" + plain.getLocalPort();
      Cli c = Cli.run("ssl", "verify", endpoint, "--cert-dir", tmp.toString());
      assertEquals(ExitCodes.FAILURE, c.code(), c.toString());
      assertTrue(
          c.err().startsWith("maiis ssl verify: " + endpoint + ": not a TLS endpoint"), c.err());
      assertEquals(1, c.err().lines().count(), c.err());
    }
    for (String bad : List.of("127.0.0.1:https", "127.0.0.1:99999", "127.0.0.1:")) {
      Cli c = Cli.run("ssl", "verify", bad, "--cert-dir", tmp.toString());
      assertEquals(ExitCodes.USAGE, c.code(), c.toString());
      assertEquals(
          "maiis ssl verify: expected HOST:PORT, got " + bad + ". See 'maiis ssl verify --help'.\n",
          c.err());
    }
    Cli sni =
        Cli.run(
            "ssl", "verify", "127.0.0.1:443", "--servername", "foo_bar", "--cert-dir", "/nonexist");
    assertEquals(ExitCodes.USAGE, sni.code(), sni.toString());
    assertTrue(
        sni.err().startsWith("maiis ssl verify: --servername: 'foo_bar' is not a valid"),
        sni.err());
  }

  @Test
  void aMissingCaBundleIsNamedAsMissing() throws Exception {
    Cli c =
        Cli.run(
            "ssl",
            "verify",
            "127.0.0.1:1",
            "--ca-bundle",
            tmp.resolve("nope.pem").toString(),
            "--cert-dir",
            tmp.toString());
    assertEquals(ExitCodes.FAILURE, c.code(), c.toString());
    assertEquals(
        "maiis ssl verify: 127.0.0.1:1: "
            + tmp.resolve("nope.pem")
            + ": no such file. Run it again with --verbose for details.\n",
        c.err());
  }

  /** {@code ssl verify ENDPOINT --servername localhost --cert-dir DIR ARGS...}. */
  private static Cli verifyLocalhost(String endpoint, String dir, String... args) {
    return Cli.run(
        List.of("ssl", "verify", endpoint, "--servername", "localhost", "--cert-dir", dir), args);
  }
}
