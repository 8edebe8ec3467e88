package org.maiis.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Finds programs on PATH, plus /usr/sbin and /sbin where Debian puts daemons such as nginx. */
public final class Executables {
  private final Function<String, String> env;

  /** Looks programs up with {@code env} as the environment (System::getenv normally). */
  public Executables(Function<String, String> env) {
    this.env = env;
  }

  /** The path of {@code name}, if installed. */
  public Optional<Path> find(String name) {
    String path = env.apply("PATH");
    String dirs =
        (path == null ? "" : path)
            + File.pathSeparator
            + "/usr/sbin"
            + File.pathSeparator
            + "/sbin";
    for (String dir : dirs.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
