package org.maiis.server.auth;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.maiis.config.ServerConfig;
import org.maiis.server.db.Database;
import org.maiis.server.db.DbMetrics;
import org.maiis.server.db.Transactions;

/**
 * Changes to users made by an operator on the server's database, outside the running server (for
 * {@code maiis user role}): the API lets nobody raise their own role. The one door into user
 * persistence for callers outside the server, so the CLI never builds repositories itself.
 */
public final class UserAdministration implements AutoCloseable {
  private final Database db;
  private final UserRepository users;

  private UserAdministration(Database db) {
    this.db = db;
    // Nothing is exported from a one-shot command, so its queries are not measured.
    this.users = new UserRepository(new Transactions(db, DbMetrics.NONE));
  }

  /**
   * Opens (and migrates) the database the server config names.
   *
   * @param dataDir the state directory of the embedded database
   * @param env resolves the password secret
   * @throws RuntimeException when the database cannot be opened, for example an embedded database
   *     in use by a running server (its message chain then says "already in use")
   */
  public static UserAdministration open(
      ServerConfig.Database config, Path dataDir, Function<String, String> env) {
    return new UserAdministration(Database.open(config, dataDir, env));
  }

  /**
   * Gives the user with {@code email} (already normalised to lower case) the role {@code role}.
   *
   * @return false when no user has that e-mail
   */
  public boolean setRole(String email, Role role, OffsetDateTime now) {
    return users.setRole(email, role, now);
  }

  @Override
  public void close() {
    db.close();
  }
}
