package org.maiis.server.voice;

/** A speech provider whose name its constructor gives, shared by the local and remote kinds. */
abstract class NamedProvider implements SpeechProvider {
  private final String name;

  /** Named {@code name} in config, metrics and health. */
  NamedProvider(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }
}
