package org.maiis.cli.ssl;

import java.util.List;
import org.maiis.cli.CliRun;

/** One run of the real picocli entry point, with what it printed; its toString shows all three. */
record Cli(int code, String out, String err) {
  static Cli run(String... args) {
    return of(CliRun.of(args));
  }

  /** {@code maiis} with the arguments a test always gives, then those of this run. */
  static Cli run(List<String> common, String... args) {
    return of(CliRun.of(common, args));
  }

  private static Cli of(CliRun r) {
    return new Cli(r.exitCode(), r.out(), r.err());
  }

  @Override
  public String toString() {
    return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
}
