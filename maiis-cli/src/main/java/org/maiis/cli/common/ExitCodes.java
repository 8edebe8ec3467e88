package org.maiis.cli.common;

/**
 * The exit codes of every maiis command, for cron and CI. Documented in docs/EXIT_CODES.md and in
 * the footer of {@code maiis --help} (kept in step by ExitCodesDocTest); never renumbered.
 */
public final class ExitCodes {
  /** Success; for ssl renew also "nothing was due". */
  public static final int OK = 0;

  /** Any failure without a more specific code (I/O error, unexpected bug). */
  public static final int FAILURE = 1;

  /** The command line was wrong: unknown option, missing argument. */
  public static final int USAGE = 2;

  /** The config file is unreadable or invalid. */
  public static final int CONFIG_INVALID = 3;

  /** Rendered files failed a check (nginx -t, promtool, amtool, built-in checks). */
  public static final int VALIDATION_FAILED = 4;

  /** At least one certificate renewal failed. */
  public static final int RENEWAL_FAILED = 5;

  /** A certificate was renewed but deploying it failed; the previous one is served. */
  public static final int DEPLOY_FAILED = 6;

  /** A served or stored certificate is expiring or invalid. */
  public static final int CERTIFICATE_EXPIRING = 7;

  private ExitCodes() {}
}
