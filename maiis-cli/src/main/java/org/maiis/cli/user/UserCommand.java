package org.maiis.cli.user;

import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code maiis user}: the API's user accounts, administered on its database. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "User accounts of the API, administered directly on its database.",
    subcommands = {UserRoleCommand.class})
public final class UserCommand extends GroupCommand {}
