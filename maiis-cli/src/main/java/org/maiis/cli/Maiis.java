package org.maiis.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.maiis.cli.common.CommandTree;
import org.maiis.cli.common.ErrorHandler;
import org.maiis.cli.common.GroupCommand;
import org.maiis.cli.common.HelpStyle;
import org.maiis.cli.common.VersionProvider;
import org.maiis.cli.completion.CompletionCommand;
import org.maiis.cli.config.ConfigCommand;
import org.maiis.cli.dev.DevCommand;
import org.maiis.cli.kb.KbCommand;
import org.maiis.cli.metrics.MetricsCommand;
import org.maiis.cli.serve.ServeCommand;
import org.maiis.cli.ssl.SslCommand;
import org.maiis.cli.user.UserCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code maiis} command: the root of every verb. */
@Command(
    name = "maiis",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Certificates over ACME, a hardened nginx front and the whole monitoring stack from one"
            + " config file, and the platform API instrumented with the same core.",
    footer = {
      "",
      "Exit codes:",
      "  0  ok (for 'ssl renew': nothing due, or all renewed)",
      "  1  failure",
      "  2  usage error",
      "  3  config file invalid",
      "  4  validation of rendered files failed",
      "  5  certificate renewal failed",
      "  6  deploy after renewal failed (previous certificate restored)",
      "  7  certificate expiring or invalid",
      "",
      "Add --verbose for stack traces. Docs: docs/ in the repository."
    })
public final class Maiis extends GroupCommand {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show stack traces and progress details on stderr.")
  boolean verbose;

  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        ConfigCommand.class,
        SslCommand.class,
        MetricsCommand.class,
        ServeCommand.class,
        DevCommand.class,
        KbCommand.class,
        UserCommand.class,
        CompletionCommand.class);
  }

  /** Builds the whole command line with maiis's error handling and streams. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return configured(CommandTree.whole(new Maiis()), out, err);
  }

  private static CommandLine configured(CommandLine cmd, PrintWriter out, PrintWriter err) {
    ErrorHandler handler = new ErrorHandler();
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(handler);
    cmd.setParameterExceptionHandler(handler);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    HelpStyle.apply(cmd);
    return cmd;
  }

  /** Runs maiis with {@code args}, printing to {@code out}/{@code err}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      // Only the branch args name: enough to run them, and built in a fraction of the time.
      return configured(CommandTree.forArgs(new Maiis(), List.of(args)), out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The process entry point; the only place that calls System.exit. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }
}
