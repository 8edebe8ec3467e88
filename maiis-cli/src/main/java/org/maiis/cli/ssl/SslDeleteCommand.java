package org.maiis.cli.ssl;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.maiis.acme.CertificateStore;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code maiis ssl delete}: removes a lineage so that renew stops renewing it. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  maiis ssl delete --name old.example.com",
      "  maiis ssl delete --name old.example.com --cert-dir /srv/certs"
    },
    description = {
      "Delete a lineage so that renew stops renewing it.",
      "Removes CERTDIR/live/NAME, its archive (keys included), renewal and state",
      "files, as certbot delete does; the certificate is not revoked ('ssl revoke'",
      "first for that). Change any nginx config that names live/NAME before nginx",
      "reloads. Exit 2 when there is no such lineage."
    })
public final class SslDeleteCommand extends SslChangeCommand implements Callable<Integer> {
  @Mixin LineageOption lineage;

  @Override
  public Integer call() {
    MaiisConfig c = config.loadOrDefaults();
    CertificateStore store = certDir.store(c);
    try {
      if (!manager(c, store).delete(lineage.name)) {
        throw new CliFailure(
            ExitCodes.USAGE, "no lineage '" + lineage.name + "' in " + store.root());
      }
    } catch (IOException e) {
      throw Managers.failure(e);
    }
    err()
        .println(
            "maiis ssl: "
                + lineage.name
                + ": deleted; nginx configs that name "
                + store.liveDir(lineage.name)
                + " fail to load until changed");
    try {
      if (store.lineages().isEmpty() && store.pendingLineages().isEmpty()) {
        // renew refuses a directory without certificates (a mistyped one looks the same).
        err()
            .println(
                "maiis ssl: that was the last lineage in "
                    + store.root()
                    + ": 'maiis ssl renew' fails until one is issued; remove its timer or cron job"
                    + " (systemctl disable --now maiis-renew.timer) if none will be");
      }
    } catch (IOException e) {
      throw Managers.failure(e);
    }
    return ExitCodes.OK;
  }
}
