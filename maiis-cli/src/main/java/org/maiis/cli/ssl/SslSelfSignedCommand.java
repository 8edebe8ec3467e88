package org.maiis.cli.ssl;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.acme.CertLock;
import org.maiis.acme.CertificateStore;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.maiis.tls.Certificates;
import org.maiis.tls.DomainNames;
import org.maiis.tls.KeyPairs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code maiis ssl self-signed}: a development certificate in the production layout. */
@Command(
    name = "self-signed",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  maiis ssl self-signed -d localhost --days 30",
      "  maiis ssl self-signed -d dev.example.test --name dev --force"
    },
    description = {
      "Create a self-signed certificate for development.",
      "With proper SANs, in CERTDIR/live/NAME/ like 'issue', so the nginx config does",
      "not change between dev and production."
    })
public final class SslSelfSignedCommand extends SslChangeCommand implements Callable<Integer> {
  @Mixin DomainsOption domains = new DomainsOption();

  @Option(
      names = "--days",
      defaultValue = "30",
      description = "Validity in days (default: ${DEFAULT-VALUE}).")
  int days;

  @Mixin NewLineageOptions.Name name = new NewLineageOptions.Name();
  @Mixin NewLineageOptions.Key keyOption = new NewLineageOptions.Key();

  @Option(
      names = "--force",
      description = "Replace a lineage that holds a CA-issued certificate (refused otherwise).")
  boolean force;

  /** Ten years: longer than any development setup lives, and far inside X.509's date range. */
  static final int MAX_DAYS = 3650;

  @Override
  public Integer call() {
    MaiisConfig c = config.loadOrDefaults();
    CertificateStore store = certDir.store(c);
    if (days < 1 || days > MAX_DAYS) {
      throw new CliFailure(ExitCodes.USAGE, "--days: expected 1.." + MAX_DAYS + ", got " + days);
    }
    List<String> names = new ArrayList<>(domains.domains);
    if (names.isEmpty()) {
      names.add(c.site().domain());
      names.addAll(c.site().altNames());
    }
    try {
      names = DomainNames.normalize(names);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
    String lineage = CertificateStore.checkName(name.name != null ? name.name : c.site().name());
    KeyPair key =
        KeyPairs.generate(keyOption.keyType != null ? keyOption.keyType : c.tls().keyType());
    Instant now = Instant.now();
    var cert =
        Certificates.selfSigned(
            key, names, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(days)));
    try {
      store.createLayout();
      try (CertLock held =
          CertLock.acquire(store.root(), lock.timeout(), LockOption.notice(err()))) {
        var issuer = store.caIssuer(lineage);
        if (issuer.isPresent() && !force) {
          // Browsers reject a self-signed certificate: replacing a real one takes the site down.
          throw new CliFailure(
              ExitCodes.USAGE,
              "lineage '"
                  + lineage
                  + "' holds a certificate issued by "
                  + issuer.get()
                  + "; not replaced. Use another --name, or --force to replace it");
        }
        int v = store.install(lineage, key, List.of(cert));
        err()
            .println(
                "maiis ssl: "
                    + lineage
                    + ": self-signed version "
                    + v
                    + ", expires "
                    + cert.getNotAfter().toInstant());
      }
    } catch (IOException e) {
      throw Managers.failure(e);
    }
    out().println(store.liveDir(lineage));
    return ExitCodes.OK;
  }
}
