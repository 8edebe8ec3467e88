package org.maiis.cli.kb;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code maiis kb}: the knowledge base of a running server. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = "The knowledge base of a running maiis server.",
    subcommands = {KbIngestCommand.class})
public final class KbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
