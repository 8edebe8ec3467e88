package org.maiis.cli.common;

/**
 * A command that reads the whole command model (shell completion): {@link CommandTree} gives it
 * every branch even when the arguments name it.
 */
public interface NeedsWholeTree {}
