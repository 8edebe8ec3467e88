package org.maiis.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;

/**
 * The outcome of one run of the real picocli entry point, for CLI tests.
 *
 * @param exitCode what main would have exited with
 * @param out everything printed on stdout
 * @param err everything printed on stderr
 */
public record CliRun(int exitCode, String out, String err) {

  /** Runs {@code maiis args...} in-process. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Maiis.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs {@code maiis} with the arguments a test always gives, then those of this run. */
  public static CliRun of(List<String> common, String... args) {
    return of(Stream.concat(common.stream(), Stream.of(args)).toArray(String[]::new));
  }
}
