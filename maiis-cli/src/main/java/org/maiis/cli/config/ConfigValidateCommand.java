package org.maiis.cli.config;

import java.util.concurrent.Callable;
import org.maiis.cli.ConfigOption;
import org.maiis.cli.ExitCodes;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code maiis config validate}: every problem in the file, one line each. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a config file and report every problem at once, one line each:",
      "  FILE:LINE:COL: field.path: what is wrong (what was expected)",
      "Exit 0 when valid, 3 when not."
    })
public final class ConfigValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Override
  public Integer call() {
    MaiisConfig c = config.load();
    spec.commandLine().getOut().println(c.source() + ": valid");
    return ExitCodes.OK;
  }
}
