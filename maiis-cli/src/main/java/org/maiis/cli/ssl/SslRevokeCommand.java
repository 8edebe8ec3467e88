package org.maiis.cli.ssl;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ConfigOption;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.exception.AcmeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maiis ssl revoke}: revokes a lineage's live certificate at its CA. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke the live certificate of a lineage with the account that issued it.")
public final class SslRevokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;
  @Mixin CertDirOption certDir;
  @Mixin LockOption lock;

  @Option(
      names = "--name",
      converter = LineageNameConverter.class,
      required = true,
      paramLabel = "LINEAGE",
      description = "The lineage.")
  String name;

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
      Managers.manager(c, certDir.store(c), lock, spec.commandLine().getErr()).revoke(name, reason);
    } catch (IOException e) {
      throw Managers.failure(e);
    } catch (AcmeException e) {
      throw new CliFailure(ExitCodes.FAILURE, name + ": revocation failed: " + e.getMessage());
    }
    spec.commandLine().getErr().println("maiis ssl: " + name + ": revoked");
    return ExitCodes.OK;
  }
}
