package org.maiis.render.nginx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.TestCertificates;
import org.maiis.tls.TrustBundles;

/**
 * A real nginx on loopback, rendered from maiis.yaml, with a self-signed certificate for localhost
 * and 127.0.0.1, in front of an {@link EchoUpstream}; both stop when it is closed.
 *
 * @param upstream what nginx proxies to
 * @param nginx the running front
 * @param trust trusts the front's certificate
 */
record EchoFront(EchoUpstream upstream, RunningNginx nginx, SSLContext trust)
    implements AutoCloseable {

  /**
   * Starts a front with its files under {@code dir}: {@code listen} is its listen line (indented
   * under {@code nginx:}) with HTTPS on {@code httpsPort}, and {@code nginxLines} follow the
   * upstream in the nginx section.
   */
  static EchoFront start(Path dir, String listen, int httpsPort, String... nginxLines)
      throws Exception {
    Path nginxBin = ExternalTools.SYSTEM.require("nginx", "nginx");
    // nginx started as root runs its workers as nobody: they must be able to read the files.
    RunningNginx.readable(dir);
    Path live = Files.createDirectories(dir.resolve("certs/live/maiis"));
    TestCertificates.writeSelfSigned(live, "localhost", "127.0.0.1");
    SSLContext trust = TrustBundles.sslContext(live.resolve("fullchain.pem"));
    EchoUpstream upstream = new EchoUpstream();
    try {
      MaiisConfig config = config(dir, listen, upstream.port(), nginxLines);
      return new EchoFront(upstream, RunningNginx.start(nginxBin, config, dir, httpsPort), trust);
    } catch (Exception | AssertionError e) {
      upstream.close();
      throw e;
    }
  }

  /**
   * The config of a front whose certificates and webroot are under {@code dir}, listening per
   * {@code listen}, proxying to 127.0.0.1:{@code upstreamPort}, with {@code nginxLines} added to
   * its nginx section.
   */
  static MaiisConfig config(Path dir, String listen, int upstreamPort, String... nginxLines) {
    List<String> yaml =
        new ArrayList<>(
            List.of(
                "version: 1",
                "tls:",
                "  cert_dir: " + dir.resolve("certs"),
                "  webroot: " + dir.resolve("acme"),
                "nginx:",
                listen,
                "  upstreams: [{server: 127.0.0.1:" + upstreamPort + "}]"));
    yaml.addAll(List.of(nginxLines));
    yaml.add("");
    return new ConfigLoader(Map.<String, String>of()::get)
        .parse("it.yaml", String.join("\n", yaml));
  }

  @Override
  public void close() throws IOException {
    nginx.close();
    upstream.close();
  }
}
