package org.maiis.cli.config;

import java.util.List;
import org.maiis.cli.common.HasSubcommands;
import picocli.CommandLine.Command;

/** {@code maiis config}: the deployment config and the files rendered from it. */
@Command(
    name = "config",
    description = "Create, validate and render maiis.yaml.",
    mixinStandardHelpOptions = true)
public final class ConfigCommand implements HasSubcommands {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(ConfigInitCommand.class, ConfigValidateCommand.class, ConfigRenderCommand.class);
  }
}
