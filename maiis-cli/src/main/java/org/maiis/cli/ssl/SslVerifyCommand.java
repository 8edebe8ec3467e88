package org.maiis.cli.ssl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.acme.EndpointVerification;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.maiis.tls.DomainNames;
import org.maiis.tls.HostPort;
import org.maiis.tls.TlsProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code maiis ssl verify}: what an endpoint serves, checked against the local lineage. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  maiis ssl verify example.com:443",
      "  maiis ssl verify 127.0.0.1:8443 --servername example.com --json"
    },
    description = {
      "Check what a TLS endpoint serves.",
      "Reports protocol, cipher suite, chain validity, SAN match, days left and",
      "whether the served certificate is the live one of the local lineage. Exit 0",
      "when all is well, 7 when the chain is untrusted, the name does not match, the",
      "certificate expired or an older version is served."
    })
public final class SslVerifyCommand extends SslDirCommand implements Callable<Integer> {
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
    HostPort hp =
        HostPort.parse(endpoint)
            .orElseThrow(
                () -> new CliFailure(ExitCodes.USAGE, "expected HOST:PORT, got " + endpoint));
    String name = serverName != null ? serverName : hp.host();
    try {
      DomainNames.normalize(List.of(name));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(
          ExitCodes.USAGE, (serverName != null ? "--servername: " : "HOST: ") + e.getMessage());
    }
    MaiisConfig c = config.loadOrDefaults();
    TlsProbe.Served served;
    try {
      served = EndpointVerification.probe(hp, name, caBundle);
    } catch (IOException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new CliFailure(ExitCodes.FAILURE, endpoint + ": " + m.lines().findFirst().orElse(m));
    }
    EndpointVerification v =
        EndpointVerification.judge(served, name, certDir.store(c), Instant.now());
    PrintWriter out = out();
    if (json) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode n = m.createObjectNode();
      n.put("endpoint", endpoint);
      n.put("protocol", served.protocol());
      n.put("cipher_suite", served.cipherSuite());
      n.put("chain_valid", v.chainValid());
      n.put("chain_error", served.chainError());
      n.put("name_matches", v.nameMatches());
      n.putPOJO("sans", v.leaf().sans());
      n.put("not_after", v.leaf().notAfter().toString());
      n.put("days_left", v.daysLeft());
      n.put("local_lineage", v.local().label());
      out.println(m.writeValueAsString(n));
    } else {
      out.println("protocol:  " + served.protocol() + " " + served.cipherSuite());
      out.println("chain:     " + (v.chainValid() ? "valid" : "INVALID: " + served.chainError()));
      out.println(
          "name:      "
              + name
              + (v.nameMatches() ? " matches " : " does NOT match ")
              + String.join(", ", v.leaf().sans()));
      out.println("expires:   " + v.leaf().notAfter() + " (" + v.daysLeft() + " days left)");
      out.println("lineage:   " + v.local().label());
    }
    return v.ok() ? ExitCodes.OK : ExitCodes.CERTIFICATE_EXPIRING;
  }
}
