package org.maiis.cli.user;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ConfigOption;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.ServerConfig;
import org.maiis.server.auth.Role;
import org.maiis.server.auth.UserAdministration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code maiis user role EMAIL ROLE}: the one way to make the first admin. The API lets nobody
 * raise their own role, so this works on the database the config names, as its operator.
 */
@Command(
    name = "role",
    mixinStandardHelpOptions = true,
    description = {
      "Give an existing user a role: admin, manager or user.",
      "It changes the database of -c maiis.yaml; tokens already issued carry the new",
      "role from their next request (within server.auth.recheck_after).",
      "The embedded database can only be changed while maiis serve is stopped."
    },
    footer = {
      "",
      "Examples:",
      "  maiis user role ada@example.com admin",
      "  maiis user role ada@example.com user --data-dir /var/lib/maiis/data"
    })
public final class UserRoleCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOption config;

  @Parameters(index = "0", paramLabel = "EMAIL", description = "The user's e-mail.")
  String email;

  @Parameters(index = "1", paramLabel = "ROLE", description = "admin, manager or user.")
  String role;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "State directory of the embedded database (overrides server.data_dir).")
  Path dataDir;

  @Override
  public Integer call() {
    Role wanted;
    try {
      wanted = Role.of(role.strip());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "ROLE must be admin, manager or user, not " + role);
    }
    ServerConfig s = config.loadOrDefaults().server();
    Path dir = dataDir != null ? dataDir : s.dataDir();
    boolean found;
    try (UserAdministration users = open(s, dir)) {
      found =
          users.setRole(
              email.strip().toLowerCase(Locale.ROOT), wanted, OffsetDateTime.now(ZoneOffset.UTC));
    }
    if (!found) {
      throw new CliFailure(
          ExitCodes.FAILURE,
          "no user with the e-mail " + email,
          "Check the address; the user must have signed up first");
    }
    spec.commandLine().getOut().printf("%s is now %s%n", email, wanted.word());
    return ExitCodes.OK;
  }

  private static UserAdministration open(ServerConfig s, Path dir) {
    try {
      return UserAdministration.open(s.database(), dir, System::getenv);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (String.valueOf(t.getMessage()).contains("already in use")) {
          throw new CliFailure(
              ExitCodes.FAILURE,
              "the embedded database in "
                  + dir.toAbsolutePath().normalize()
                  + " is in use by a running maiis serve",
              "Stop it, run this again, then start it again");
        }
      }
      throw new CliFailure(
          ExitCodes.FAILURE,
          "cannot open the database in " + dir.toAbsolutePath().normalize(),
          "Run it again with --verbose to see why");
    }
  }
}
