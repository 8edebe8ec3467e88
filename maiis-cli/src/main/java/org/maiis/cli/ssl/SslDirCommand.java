package org.maiis.cli.ssl;

import java.io.PrintWriter;
import org.maiis.cli.common.ConfigOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every ssl subcommand that works on a certificate directory shares: maiis.yaml and {@code
 * --cert-dir} (declared first, so they lead in help and completions).
 */
abstract class SslDirCommand {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;
  @Mixin CertDirOption certDir;

  /** Where one-line diagnostics go. */
  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Where the command's output goes. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
