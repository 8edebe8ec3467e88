package org.maiis.cli.ssl;

import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

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
public final class SslCommand extends GroupCommand {}
