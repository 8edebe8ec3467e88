package org.maiis.cli.ssl;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.acme.CertificateStore;
import org.maiis.acme.IssueRequest;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maiis ssl issue}: the first certificate of a lineage from an ACME CA. */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  maiis ssl issue -d example.com -d www.example.com --webroot /var/www/acme",
      "  maiis ssl issue -d example.com --webroot /var/www/acme -e ops@example.com",
      "  maiis ssl issue -d example.com --standalone --staging",
      "  maiis ssl issue -d example.com --dns-hook /usr/local/bin/dns-01-hook"
    },
    description = {
      "Obtain a certificate from an ACME CA.",
      "Stores it in CERTDIR/live/NAME/ and records how, so 'maiis ssl renew' needs no",
      "flags. Defaults come from maiis.yaml; flags override. Wildcards need",
      "--dns-hook. Run again with the same names and settings, it orders nothing",
      "until the certificate is due (as certbot keeps it): a script that issues on",
      "every deploy does not spend the CA's weekly limit per set of names. Exit 0 on",
      "success or nothing to do, 2 for bad options (names, --ca-bundle, EAB key), 5",
      "when issuance failed, 6 when the deploy hook of a re-issued lineage failed",
      "(the new certificate is kept; the next renew deploys it)."
    })
public final class SslIssueCommand extends IssueOptions implements Callable<Integer> {
  @Option(
      names = "--replace-names",
      description =
          "Re-issue an existing lineage even when the new names leave some of its names out"
              + " (they are dropped from its certificate).")
  boolean replaceNames;

  @Option(
      names = "--force",
      description =
          "Order a new certificate even when the lineage already has a sound one for the same"
              + " names and settings that is not due.")
  boolean force;

  @Override
  public Integer call() {
    MaiisConfig c = config.loadOrDefaults();
    CertificateStore store = certDir.store(c);
    IssueRequest.Resolved r;
    try {
      r = request().resolve(c, System::getenv);
      IssueRequest.checkCaBundle(
          r.settings().caBundle(), caBundle != null ? "--ca-bundle" : "tls.acme.ca_bundle");
      IssueRequest.checkWebroot(
          r.settings().challenge(), how.webroot != null ? "--webroot" : "tls.webroot");
    } catch (IllegalArgumentException e) {
      // A malformed name or a challenge that cannot prove it: the command line is wrong.
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
    var manager = manager(c, store);
    List<String> dropped = manager.namesDropped(r.settings());
    if (!dropped.isEmpty() && !replaceNames) {
      // Without --name the lineage is site.name for every run: a second site's names would
      // quietly replace the first's, and its deploy hook put that certificate in front of it.
      throw new CliFailure(
          ExitCodes.USAGE,
          "lineage '"
              + r.settings().name()
              + "' holds "
              + String.join(", ", dropped)
              + ", which these names leave out: issuing would drop them from the certificate it"
              + " serves. Give a new lineage its own --name, or pass --replace-names to drop them");
    }
    try {
      var outcome = manager.issue(r.settings(), r.registration(), force);
      int code = Managers.report(List.of(outcome), err());
      if (code == 0) {
        out().println(store.liveDir(r.settings().name()));
      }
      return code;
    } catch (IOException e) {
      throw Managers.failure(e);
    }
  }
}
