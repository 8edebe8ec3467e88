package org.maiis.cli.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.maiis.cli.Maiis;

/** One run of the real maiis entry point, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Maiis.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
