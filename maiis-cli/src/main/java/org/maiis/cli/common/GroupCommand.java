package org.maiis.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code maiis ssl}, {@code maiis kb}, ...): run alone, it
 * prints its usage on stdout and exits 0, as {@code maiis} does.
 */
public abstract class GroupCommand implements Runnable, HasSubcommands {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
