package org.maiis.cli.ssl;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.exception.AcmeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code maiis ssl revoke}: revokes a lineage's live certificate at its CA. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    footer = {"", "Examples:", "  maiis ssl revoke --name example.com --reason KEY_COMPROMISE"},
    description = "Revoke the live certificate of a lineage with the account that issued it.")
public final class SslRevokeCommand extends SslChangeCommand implements Callable<Integer> {
  @Mixin LineageOption lineage;

  @Option(
      names = "--reason",
      defaultValue = "UNSPECIFIED",
      paramLabel = "R",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  RevocationReason reason;

  @Override
  public Integer call() {
    MaiisConfig c = config.loadOrDefaults();
    try {
      manager(c, certDir.store(c)).revoke(lineage.name, reason);
    } catch (IOException e) {
      throw Managers.failure(e);
    } catch (AcmeException e) {
      throw new CliFailure(
          ExitCodes.FAILURE, lineage.name + ": revocation failed: " + e.getMessage());
    }
    err().println("maiis ssl: " + lineage.name + ": revoked");
    return ExitCodes.OK;
  }
}
