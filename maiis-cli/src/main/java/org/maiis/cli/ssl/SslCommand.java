package org.maiis.cli.ssl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code maiis ssl}: certificates over ACME, self-signed for development, DH parameters. */
@Command(
    name = "ssl",
    mixinStandardHelpOptions = true,
    description = {
      "Certificates over ACME, renewals cron can trust, self-signed certificates, DH parameters.",
      "Certificates live in CERTDIR/live/NAME/{cert,chain,fullchain,privkey}.pem."
    },
    subcommands = {
      SslIssueCommand.class,
      SslRenewCommand.class,
      SslStatusCommand.class,
      SslRevokeCommand.class,
      SslSelfSignedCommand.class,
      SslDhparamCommand.class,
      SslVerifyCommand.class,
      SslScheduleCommand.class
    })
public final class SslCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
