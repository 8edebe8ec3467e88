/**
 * What every maiis command shares: exit codes, the one-line failure, the error handler that turns
 * exceptions into a message and an exit code, the {@code -c/--config} option, the version and the
 * base of the commands that only group others.
 *
 * <p>A leaf: it imports nothing from other {@code org.maiis.cli} packages, so every command package
 * can import it without a cycle through the root package {@code org.maiis.cli}, which holds only
 * the composition root {@code Maiis}.
 */
package org.maiis.cli.common;
