package org.maiis.server.voice;

import java.util.Optional;

/**
 * A speech provider that is an installed program: it can serve exactly when the program is there.
 */
abstract class LocalProvider implements SpeechProvider {
  private final String name;

  /** The program this provider runs. */
  final LocalTool tool;

  LocalProvider(String name, LocalTool tool) {
    this.name = name;
    this.tool = tool;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Optional<String> unavailableReason() {
    return tool.unavailableReason();
  }
}
