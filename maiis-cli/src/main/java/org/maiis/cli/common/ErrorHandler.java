package org.maiis.cli.common;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.maiis.config.ConfigException;
import org.maiis.config.ConfigProblem;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into one line on stderr, {@code maiis <command>: <what happened>. <what to
 * do>.}, and a documented exit code. Config problems are the exception: one {@code
 * file:line:column: …} line per problem, the form editors jump to. Stack traces only with
 * --verbose.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  /**
   * A prefix a message already carries ("maiis: ", "maiis ssl: "); dropped so it is not doubled.
   */
  private static final Pattern OWN_PREFIX = Pattern.compile("^(maiis(?: [a-z][a-z-]*)*: )+");

  /** A second sentence: the message says what to do itself. */
  private static final Pattern SAYS_WHAT_TO_DO = Pattern.compile("\\. [A-Z]");

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof ConfigException ce) {
      for (ConfigProblem p : ce.problems()) {
        err.println(p.format());
      }
    } else if (ex instanceof CliFailure f) {
      err.println(line(cmd, f.getMessage(), f.hint().orElse(defaultHint(cmd, f.exitCode()))));
    } else {
      String what = describe(ex);
      // A message that already ends with its advice ("... in use. Stop it, ...") keeps it.
      err.println(
          SAYS_WHAT_TO_DO.matcher(what).find()
              ? line(cmd, what, "")
              : line(cmd, what, defaultHint(cmd, ExitCodes.FAILURE)));
    }
    if (isVerbose(parsed)) {
      ex.printStackTrace(err);
    }
    err.flush();
    if (ex instanceof ConfigException) {
      return ExitCodes.CONFIG_INVALID;
    }
    if (ex instanceof CliFailure f) {
      return f.exitCode();
    }
    return ExitCodes.FAILURE;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String what = ex.getMessage() == null ? "invalid command line" : ex.getMessage();
    // picocli's messages start with a capital ("Unknown option: ..."); the line's middle does not.
    if (what.length() > 1 && Character.isUpperCase(what.charAt(0))) {
      what = what.substring(0, 1).toLowerCase(Locale.ROOT) + what.substring(1);
    }
    err.println(line(cmd, what, defaultHint(cmd, ExitCodes.USAGE)));
    if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      String name = cmd.getCommandSpec().qualifiedName();
      err.println(
          "Did you mean: "
              + String.join(" or ", u.getSuggestions().stream().map(x -> name + " " + x).toList())
              + "?");
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * The one line for a failure of {@code cmd}: {@code maiis <command>: <what happened>. <what to
   * do>.}
   */
  public static String line(CommandLine cmd, String what, String todo) {
    String advice = sentence(todo);
    return cmd.getCommandSpec().qualifiedName()
        + ": "
        + sentence(what)
        + (advice.isEmpty() ? "" : " " + advice);
  }

  private static String defaultHint(CommandLine cmd, int exitCode) {
    String name = cmd.getCommandSpec().qualifiedName();
    return switch (exitCode) {
      case ExitCodes.USAGE -> "See '" + name + " --help'";
      case ExitCodes.CONFIG_INVALID -> "Fix the config file and run again";
      default -> "Run it again with --verbose for details";
    };
  }

  /** {@code text} as one sentence: without a prefix of its own, first line only, a full stop. */
  static String sentence(String text) {
    String s = OWN_PREFIX.matcher(text == null ? "" : text.strip()).replaceFirst("");
    s = s.lines().findFirst().orElse("").strip();
    if (s.isEmpty()) {
      return "";
    }
    char last = s.charAt(s.length() - 1);
    return last == '.' || last == '?' || last == '!' ? s : s + ".";
  }

  private static String describe(Throwable ex) {
    String msg = ex.getMessage();
    if (ex instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + msg;
    }
    if (ex instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + msg;
    }
    if (ex instanceof java.nio.file.FileAlreadyExistsException) {
      return "already exists: " + msg;
    }
    if (ex instanceof java.io.UncheckedIOException u && u.getCause() != null) {
      return describe(u.getCause());
    }
    // A message-less exception is a bug; its class name would mean nothing to the user.
    return msg == null || msg.isBlank() ? "unexpected internal error" : msg;
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
