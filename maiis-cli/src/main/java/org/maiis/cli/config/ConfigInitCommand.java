package org.maiis.cli.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.files.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maiis config init}: a commented example with every key and its default. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Write a commented maiis.yaml with every key and its default.",
    footer = {
      "",
      "Examples:",
      "  maiis config init",
      "  maiis config init --out /etc/maiis/maiis.yaml --force"
    })
public final class ConfigInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      defaultValue = "maiis.yaml",
      description = "Where to write it; '-' for stdout (default: ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--force", description = "Replace an existing file.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    String example = example();
    if (out.equals("-")) {
      spec.commandLine().getOut().print(example);
      return ExitCodes.OK;
    }
    Path target = Path.of(out);
    if (Files.exists(target) && !force) {
      throw new CliFailure(
          ExitCodes.FAILURE, target + " already exists; use --force to replace it");
    }
    AtomicFiles.writeString(target, example);
    spec.commandLine().getErr().println("wrote " + target);
    return ExitCodes.OK;
  }

  /** The example config shipped in templates/config/maiis.yaml. */
  static String example() throws IOException {
    try (InputStream in =
        ConfigInitCommand.class.getResourceAsStream("/templates/config/maiis.yaml")) {
      if (in == null) {
        throw new IOException("templates/config/maiis.yaml is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
