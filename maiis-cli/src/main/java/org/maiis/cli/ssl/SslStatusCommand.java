package org.maiis.cli.ssl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.acme.CertificateManager;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maiis ssl status}: every lineage, when it renews and how the last run went. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    footer = {"", "Examples:", "  maiis ssl status", "  maiis ssl status --json"},
    description = {
      "Show each lineage and when it renews.",
      "Names, issuer, key type, expiry, days left, next renewal time and why, last",
      "attempt and result. Reads only local files. Exit 7 when a certificate is past",
      "its renewal time (renewals are not happening), expired, or its files are",
      "damaged."
    })
public final class SslStatusCommand extends SslDirCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    MaiisConfig c = config.loadOrDefaults();
    List<CertificateManager.Status> all;
    try {
      all = Managers.manager(c, certDir.existingStore(c)).status();
    } catch (IOException e) {
      throw Managers.failure(e);
    }
    Instant now = Instant.now();
    PrintWriter out = out();
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    int code = ExitCodes.OK;
    for (CertificateManager.Status s : all) {
      var st = s.state();
      if (s.error() != null) {
        // Damaged files: as bad as an expired certificate, and the other lineages still show.
        code = ExitCodes.CERTIFICATE_EXPIRING;
        if (json) {
          ObjectNode n = array.addObject();
          n.put("name", s.name());
          n.put("error", s.error());
        } else {
          out.printf("%s%n  error:       %s%n", s.name(), s.error());
        }
        continue;
      }
      if (s.next().due() || !now.isBefore(s.cert().notAfter())) {
        code = ExitCodes.CERTIFICATE_EXPIRING;
      }
      if (json) {
        ObjectNode n = array.addObject();
        n.put("name", s.name());
        n.putPOJO("domains", s.cert().sans());
        n.put("issuer", s.cert().issuer());
        n.put("key_type", s.cert().keyType());
        n.put("not_after", s.cert().notAfter().toString());
        n.put("days_left", s.cert().daysLeft(now));
        n.put("renew_at", s.next().renewAt().toString());
        n.put("renew_reason", s.next().reason());
        n.put("last_attempt", st.lastAttempt() == null ? null : st.lastAttempt().toString());
        n.put("last_result", st.lastResult());
        n.put("last_error", st.lastError());
        n.put("revoked_at", st.revokes(s.cert()) ? st.revokedAt().toString() : null);
      } else {
        out.printf(
            "%s%n  domains:     %s%n  issuer:      %s%n  key:         %s%n"
                + "  expires:     %s (%d days left)%n  renews:      %s (%s)%n"
                + "  last run:    %s%n",
            s.name(),
            String.join(", ", s.cert().sans()),
            s.cert().issuer(),
            s.cert().keyType(),
            s.cert().notAfter(),
            s.cert().daysLeft(now),
            s.next().renewAt(),
            s.next().reason(),
            st.lastAttempt() == null
                ? "never"
                : st.lastAttempt().truncatedTo(ChronoUnit.SECONDS)
                    + " "
                    + st.lastResult()
                    + (st.lastError() == null ? "" : ": " + st.lastError()));
      }
    }
    if (json) {
      out.println(mapper.writeValueAsString(array));
    }
    return code;
  }
}
