package org.maiis.cli.kb;

import java.util.List;
import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code maiis kb}: the knowledge base of a running server. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = "The knowledge base of a running maiis server.")
public final class KbCommand extends GroupCommand {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(KbIngestCommand.class);
  }
}
