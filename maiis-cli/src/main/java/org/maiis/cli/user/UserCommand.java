package org.maiis.cli.user;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code maiis user}: the API's user accounts, administered on its database. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "User accounts of the API, administered directly on its database.",
    subcommands = {UserRoleCommand.class})
public final class UserCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
