package org.maiis.cli.ssl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.maiis.acme.CertificateStore;
import org.maiis.cli.CliFailure;
import org.maiis.cli.ConfigOption;
import org.maiis.cli.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.maiis.tls.CertificateInfo;
import org.maiis.tls.Pem;
import org.maiis.tls.TlsProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maiis ssl verify}: what an endpoint serves, checked against the local lineage. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check what a TLS endpoint serves.",
      "Reports protocol, cipher suite, chain validity, SAN match, days left and whether the",
      "served certificate is the live one of the local lineage.",
      "Exit 0 when all is well, 7 when the chain is untrusted, the name does not match, the",
      "certificate expired or an older version is served."
    })
public final class SslVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;
  @Mixin CertDirOption certDir;

  @Parameters(paramLabel = "HOST:PORT", description = "The endpoint.")
  String endpoint;

  @Option(
      names = "--servername",
      paramLabel = "N",
      description = "SNI name and the name to match (default: HOST).")
  String serverName;

  @Option(
      names = "--ca-bundle",
      paramLabel = "PEM",
      description = "Trust this bundle instead of the system store.")
  Path caBundle;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    int colon = endpoint.lastIndexOf(':');
    if (colon <= 0) {
      throw new CliFailure(ExitCodes.USAGE, "expected HOST:PORT, got " + endpoint);
    }
    String host = endpoint.substring(0, colon).replaceAll("^\\[|\\]$", "");
    int port = Integer.parseInt(endpoint.substring(colon + 1));
    String name = serverName != null ? serverName : host;
    MaiisConfig c = config.loadOrDefaults();
    TlsProbe.Served served;
    try {
      var trust =
          TlsProbe.trust(
              caBundle == null ? null : TlsProbe.anchors(Pem.readCertificates(caBundle)));
      served = TlsProbe.probe(host, port, name, trust, Duration.ofSeconds(10));
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, endpoint + ": " + e.getMessage());
    }
    CertificateInfo leaf = CertificateInfo.of(served.chain().get(0));
    Instant now = Instant.now();
    boolean match = leaf.matches(name);
    String local = newestLocal(certDir.store(c), name, leaf);
    boolean ok =
        served.chainError() == null
            && match
            && now.isBefore(leaf.notAfter())
            && !"older".equals(local);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode n = m.createObjectNode();
      n.put("endpoint", endpoint);
      n.put("protocol", served.protocol());
      n.put("cipher_suite", served.cipherSuite());
      n.put("chain_valid", served.chainError() == null);
      n.put("chain_error", served.chainError());
      n.put("name_matches", match);
      n.putPOJO("sans", leaf.sans());
      n.put("not_after", leaf.notAfter().toString());
      n.put("days_left", leaf.daysLeft(now));
      n.put("local_lineage", local);
      out.println(m.writeValueAsString(n));
    } else {
      out.println("protocol:  " + served.protocol() + " " + served.cipherSuite());
      out.println(
          "chain:     "
              + (served.chainError() == null ? "valid" : "INVALID: " + served.chainError()));
      out.println(
          "name:      "
              + name
              + (match ? " matches " : " does NOT match ")
              + String.join(", ", leaf.sans()));
      out.println("expires:   " + leaf.notAfter() + " (" + leaf.daysLeft(now) + " days left)");
      out.println("lineage:   " + local);
    }
    return ok ? ExitCodes.OK : ExitCodes.CERTIFICATE_EXPIRING;
  }

  /** newest, older (a different, not-live version is served), or none (no local lineage). */
  private static String newestLocal(CertificateStore store, String name, CertificateInfo served)
      throws IOException {
    for (String lineage : store.lineages()) {
      var chain = store.currentChain(lineage);
      if (chain.isEmpty()) {
        continue;
      }
      CertificateInfo live = CertificateInfo.of(chain.get().get(0));
      if (live.matches(name)) {
        return live.sha256().equals(served.sha256()) ? "newest" : "older";
      }
    }
    return "none";
  }
}
