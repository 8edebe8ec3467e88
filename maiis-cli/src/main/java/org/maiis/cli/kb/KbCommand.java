package org.maiis.cli.kb;

import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code maiis kb}: the knowledge base of a running server. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = "The knowledge base of a running maiis server.",
    subcommands = {KbIngestCommand.class})
public final class KbCommand extends GroupCommand {}
