package org.maiis.cli.dev;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir DIR}: where a dev stack keeps its state, logs and process records. */
public final class StateDirOption {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      defaultValue = ".maiis-dev",
      description = "State, logs and process records (default: ./${DEFAULT-VALUE}).")
  Path dir;

  /** The directory. */
  public Path dir() {
    return dir;
  }
}
