package org.maiis.cli.config;

import picocli.CommandLine.Command;

/** {@code maiis config}: the deployment config and the files rendered from it. */
@Command(
    name = "config",
    description = "Create, validate and render maiis.yaml.",
    mixinStandardHelpOptions = true,
    subcommands = {ConfigInitCommand.class, ConfigValidateCommand.class, ConfigRenderCommand.class})
public final class ConfigCommand {}
