package org.maiis.cli.ssl;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -d/--domain}, the names of a new certificate (issue and self-signed). */
final class DomainsOption {
  @Option(
      names = {"-d", "--domain"},
      paramLabel = "DOMAIN",
      description =
          "Name on the certificate (repeat for SANs; default: site.domain and site.alt_names).")
  List<String> domains = new ArrayList<>();
}
