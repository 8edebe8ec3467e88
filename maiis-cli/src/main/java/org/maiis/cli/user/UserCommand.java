package org.maiis.cli.user;

import java.util.List;
import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code maiis user}: the API's user accounts, administered on its database. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "User accounts of the API, administered directly on its database.")
public final class UserCommand extends GroupCommand {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(UserRoleCommand.class);
  }
}
