package org.maiis.server.db;

import java.nio.file.Path;
import java.sql.SQLException;

/** The database cannot be opened; the message says why and what to do, without a class name. */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Explains a failure to open the database.
   *
   * @param embeddedDir the embedded database's directory, or null for a database by URL
   */
  static DatabaseUnavailableException explain(RuntimeException e, Path embeddedDir) {
    SQLException sql = sqlCause(e);
    int code = sql == null ? 0 : sql.getErrorCode();
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    if (embeddedDir != null && code == 90020) {
      return new DatabaseUnavailableException(
          "the database in "
              + embeddedDir
              + " is in use by another process (another maiis serve?). Stop it, or give this one"
              + " another --data-dir.",
          e);
    }
    if (embeddedDir != null && (code == 90030 || code == 90048 || code == 90029)) {
      return new DatabaseUnavailableException(
          "the database file in "
              + embeddedDir
              + " is damaged or not an H2 database. Restore it from a backup, or move it away to"
              + " start empty.",
          e);
    }
    if (embeddedDir != null) {
      return new DatabaseUnavailableException(
          "cannot open the database in "
              + embeddedDir
              + ": "
              + firstLine(sql == null ? e.getMessage() : sql.getMessage())
              + ". Check that the directory is writable and the disk has space.",
          e);
    }
    if (state.startsWith("28")) {
      return new DatabaseUnavailableException(
          "the database refused the credentials. Check server.database.user and password.", e);
    }
    if (state.startsWith("08")) {
      return new DatabaseUnavailableException(
          "cannot reach the database at server.database.url. Check that it is running and"
              + " reachable.",
          e);
    }
    return new DatabaseUnavailableException(
        "cannot open the database: "
            + firstLine(sql == null ? e.getMessage() : sql.getMessage())
            + ". Check server.database.",
        e);
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  // H2 appends its version and SQL after the message; only the first clause is useful.
  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String m = message.lines().findFirst().orElse(message);
    int bracket = m.indexOf(" [");
    return bracket > 0 ? m.substring(0, bracket) : m;
  }
}
