package org.maiis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The config file a CLI test runs with. */
public final class MaiisYaml {
  private MaiisYaml() {}

  /** Writes {@code yaml} as DIR/maiis.yaml and returns that path. */
  public static Path write(Path dir, String yaml) throws IOException {
    return Files.writeString(dir.resolve("maiis.yaml"), yaml);
  }
}
