package org.maiis.cli.ssl;

import java.util.List;
import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code maiis ssl}: certificates over ACME, self-signed for development, DH parameters. */
@Command(
    name = "ssl",
    mixinStandardHelpOptions = true,
    description = {
      "Certificates over ACME, renewals cron can trust, self-signed certs, DH params.",
      "Certificates live in CERTDIR/live/NAME/{cert,chain,fullchain,privkey}.pem."
    })
public final class SslCommand extends GroupCommand {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        SslIssueCommand.class,
        SslRenewCommand.class,
        SslStatusCommand.class,
        SslRevokeCommand.class,
        SslReconfigureCommand.class,
        SslDeleteCommand.class,
        SslSelfSignedCommand.class,
        SslDhparamCommand.class,
        SslVerifyCommand.class,
        SslScheduleCommand.class);
  }
}
