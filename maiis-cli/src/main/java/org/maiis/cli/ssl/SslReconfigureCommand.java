package org.maiis.cli.ssl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.maiis.acme.CertificateStore;
import org.maiis.acme.IssueRequest;
import org.maiis.acme.LineageSettings;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code maiis ssl reconfigure}: how a lineage renews, changed without a new certificate. */
@Command(
    name = "reconfigure",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  maiis ssl reconfigure --name example.com --deploy-hook /usr/local/bin/reload",
      "  maiis ssl reconfigure --name example.com --webroot /var/lib/maiis/acme"
    },
    description = {
      "Change how a lineage renews without a new certificate.",
      "Rewrites its renewal file, as certbot reconfigure does: a new challenge is",
      "rehearsed at the CA first (an order whose challenges are answered, then",
      "discarded) and kept only if it passes. Names, key type and CA change with",
      "'ssl issue'. Exit 2 for an unknown lineage or nothing to change, 5 when the",
      "rehearsal failed (the lineage is unchanged)."
    })
public final class SslReconfigureCommand extends SslChangeCommand implements Callable<Integer> {
  @Mixin LineageOption lineage;

  @ArgGroup(exclusive = true)
  How how = new How();

  static final class How {
    @Option(
        names = "--webroot",
        paramLabel = "DIR",
        description = "Renew with http-01 via files under DIR.")
    Path webroot;

    @Option(names = "--standalone", description = "Renew with http-01 from a built-in server.")
    boolean standalone;

    @Option(
        names = "--dns-hook",
        paramLabel = "CMD",
        description = "Renew with dns-01: CMD add|remove NAME VALUE.")
    String dnsHook;
  }

  @Option(
      names = "--http-port",
      paramLabel = "N",
      defaultValue = "80",
      description = "Port for --standalone (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @ArgGroup(exclusive = true)
  Hook hook = new Hook();

  static final class Hook {
    @Option(
        names = "--deploy-hook",
        paramLabel = "CMD",
        description = "Run CMD after each renewal.")
    String command;

    @Option(names = "--no-deploy-hook", description = "Run no deploy hook.")
    boolean none;
  }

  @Override
  public Integer call() {
    MaiisConfig c = config.loadOrDefaults();
    CertificateStore store = certDir.store(c);
    if (!Files.exists(store.renewalFile(lineage.name))) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "no renewal file for lineage '"
              + lineage.name
              + "' in "
              + store.root()
              + " (self-signed, or never issued)");
    }
    LineageSettings.Challenge challenge =
        LineageSettings.Challenge.chosen(how.webroot, how.standalone, how.dnsHook, httpPort);
    String deployHook = hook.none ? "" : hook.command;
    if (challenge == null && deployHook == null) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "nothing to change: give --webroot, --standalone, --dns-hook, --deploy-hook or"
              + " --no-deploy-hook");
    }
    Optional<String> failed;
    try {
      if (challenge != null) {
        IssueRequest.checkWebroot(challenge, "--webroot");
      }
      failed = manager(c, store).reconfigure(lineage.name, challenge, deployHook);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    } catch (IOException e) {
      throw Managers.failure(e);
    }
    if (failed.isPresent()) {
      err()
          .println(
              "maiis ssl: "
                  + lineage.name
                  + ": unchanged: the CA's rehearsal failed: "
                  + failed.get());
      return ExitCodes.RENEWAL_FAILED;
    }
    err()
        .println(
            "maiis ssl: "
                + lineage.name
                + ": reconfigured"
                + (challenge != null ? "; the CA validated the new challenge in a rehearsal" : ""));
    return ExitCodes.OK;
  }
}
