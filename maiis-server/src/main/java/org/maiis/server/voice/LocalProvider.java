package org.maiis.server.voice;

import java.util.Optional;

/**
 * A speech provider that is an installed program: it can serve exactly when the program is there.
 */
abstract class LocalProvider extends NamedProvider {
  /** The program this provider runs. */
  final LocalTool tool;

  LocalProvider(String name, LocalTool tool) {
    super(name);
    this.tool = tool;
  }

  @Override
  public final Optional<String> unavailableReason() {
    return tool.unavailableReason();
  }
}
