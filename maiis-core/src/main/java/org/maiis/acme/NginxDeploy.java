package org.maiis.acme;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.maiis.process.ProcessRunner;
import org.maiis.tls.CertificateInfo;
import org.maiis.tls.TlsProbe;

/**
 * The built-in deploy step for nginx (deploy hook {@code nginx} or {@code nginx:HOST:PORT}): {@code
 * nginx -t}, reload, then connect to the endpoint until it serves the new certificate. The caller
 * restores the previous version and calls {@link #reload} again when this fails, so the old
 * certificate is served rather than none.
 */
public final class NginxDeploy {
  /** Whether {@code hook} names the built-in step. */
  public static boolean isBuiltIn(String hook) {
    return hook.equals("nginx") || hook.startsWith("nginx:");
  }

  private final List<String> nginx;
  private final ProcessRunner runner;
  private final Duration verifyFor;

  /**
   * @param nginx how to call nginx (such as {@code [nginx]} or {@code [nginx, -p, P, -c, C]})
   * @param verifyFor how long workers may take to serve the new certificate after a reload
   */
  public NginxDeploy(List<String> nginx, ProcessRunner runner, Duration verifyFor) {
    this.nginx = List.copyOf(nginx);
    this.runner = runner;
    this.verifyFor = verifyFor;
  }

  /**
   * Tests the config, reloads, and waits until {@code host:port} serves {@code expected}.
   *
   * @param hook {@code nginx} (endpoint 127.0.0.1:443) or {@code nginx:HOST:PORT}
   * @param serverName the SNI name to ask for
   */
  public void deploy(String hook, String serverName, X509Certificate expected) throws IOException {
    String host = "127.0.0.1";
    int port = 443;
    if (hook.startsWith("nginx:")) {
      String ep = hook.substring("nginx:".length());
      int colon = ep.lastIndexOf(':');
      host = ep.substring(0, colon);
      port = Integer.parseInt(ep.substring(colon + 1));
    }
    run("-t");
    reload();
    String want = CertificateInfo.of(expected).sha256();
    long deadline = System.nanoTime() + verifyFor.toNanos();
    // Old workers may still take a connection or two while they shut down after the reload:
    // only several fresh connections in a row serving the new certificate count.
    int inARow = 0;
    while (true) {
      try {
        var s = TlsProbe.probe(host, port, serverName, TlsProbe.trust(null), Duration.ofSeconds(5));
        inARow = CertificateInfo.of(s.chain().get(0)).sha256().equals(want) ? inARow + 1 : 0;
        if (inARow == 3) {
          return;
        }
        if (inARow > 0) {
          continue;
        }
      } catch (IOException e) {
        inARow = 0;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "nginx at " + host + ":" + port + " does not serve the new certificate after reload");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  /** {@code nginx -s reload}. */
  public void reload() throws IOException {
    run("-s", "reload");
  }

  private void run(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(nginx);
    cmd.addAll(List.of(args));
    ProcessRunner.Result r = runner.run(cmd);
    if (!r.ok()) {
      String detail = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
      throw new IOException(
          String.join(" ", cmd.subList(nginx.size(), cmd.size())) + " failed: " + detail);
    }
  }
}
