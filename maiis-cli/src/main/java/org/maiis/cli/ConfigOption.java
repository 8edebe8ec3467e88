package org.maiis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The file named on the command line or by MAIIS_CONFIG, else ./maiis.yaml. */
  public Path path() {
    if (file != null) {
      return file;
    }
    String env = System.getenv("MAIIS_CONFIG");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("maiis.yaml");
  }

  /** Loads the config; a missing file is an error. */
  public MaiisConfig load() {
    return new ConfigLoader(System::getenv).load(path());
  }

  /**
   * Loads the config, or the built-in defaults when no file was named and ./maiis.yaml is absent.
   */
  public MaiisConfig loadOrDefaults() {
    ConfigLoader loader = new ConfigLoader(System::getenv);
    Path p = path();
    if (file == null && System.getenv("MAIIS_CONFIG") == null && !Files.exists(p)) {
      return loader.defaults();
    }
    return loader.load(p);
  }
}
