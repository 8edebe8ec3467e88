package org.maiis.cli.config;

import picocli.CommandLine.Command;

/** {@code maiis config}: the deployment config and the files rendered from it. */
@Command(
    name = "config",
    description = "Create and validate maiis.yaml.",
    mixinStandardHelpOptions = true,
    subcommands = {ConfigInitCommand.class, ConfigValidateCommand.class})
public final class ConfigCommand {}
