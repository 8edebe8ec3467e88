package org.maiis.cli.common;

import java.util.List;

/**
 * A command with subcommands, declared here rather than in {@code @Command(subcommands = ...)} so
 * that {@link CommandTree} builds only the branch a run names.
 */
public interface HasSubcommands {
  /** The subcommands' classes, in the order help lists them. */
  List<Class<?>> subcommands();
}
