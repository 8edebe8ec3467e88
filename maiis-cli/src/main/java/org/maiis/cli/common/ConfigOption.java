package org.maiis.cli.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Option;

/** The {@code -c/--config} option shared by every command that reads maiis.yaml. */
public final class ConfigOption {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Deployment config (default: $MAIIS_CONFIG, else ./maiis.yaml).")
  Path file;

  // The process environment; a test gives its own.
  Function<String, String> environment = System::getenv;

  /** The file named on the command line or by MAIIS_CONFIG, else ./maiis.yaml. */
  public Path path() {
    if (file != null) {
      return file;
    }
    return configFromEnvironment().map(Path::of).orElse(Path.of("maiis.yaml"));
  }

  /** Loads the config; a missing file is an error. */
  public MaiisConfig load() {
    return new ConfigLoader(environment).load(path());
  }

  /**
   * Loads the config, or the built-in defaults when no file was named and ./maiis.yaml is absent.
   */
  public MaiisConfig loadOrDefaults() {
    ConfigLoader loader = new ConfigLoader(environment);
    Path p = path();
    if (file == null && configFromEnvironment().isEmpty() && !Files.exists(p)) {
      return loader.defaults();
    }
    return loader.load(p);
  }

  // A blank MAIIS_CONFIG (an unset variable in a unit file or a CI step) counts as unset.
  private Optional<String> configFromEnvironment() {
    return Optional.ofNullable(environment.apply("MAIIS_CONFIG")).filter(v -> !v.isBlank());
  }
}
