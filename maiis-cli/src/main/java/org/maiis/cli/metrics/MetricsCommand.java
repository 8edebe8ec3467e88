package org.maiis.cli.metrics;

import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code maiis metrics}: the metric catalog and checks against it. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = "The metric catalog, and checks of expositions, alert rules and dashboards.",
    subcommands = {MetricsCatalogCommand.class, MetricsValidateCommand.class})
public final class MetricsCommand extends GroupCommand {}
