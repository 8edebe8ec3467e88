package org.maiis.cli.common;

import java.io.PrintWriter;
import org.maiis.config.ConfigException;
import org.maiis.config.ConfigProblem;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line per problem on stderr and a documented exit code. Stack traces
 * only with --verbose.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof ConfigException ce) {
      for (ConfigProblem p : ce.problems()) {
        err.println(p.format());
      }
    } else if (ex instanceof CliFailure f) {
      err.println("maiis: " + f.getMessage());
    } else {
      err.println("maiis: " + describe(ex));
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
    err.println("maiis: " + ex.getMessage());
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
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
    return msg == null || msg.isBlank()
        ? ex.getClass().getSimpleName()
        : msg.lines().findFirst().orElse(msg);
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
