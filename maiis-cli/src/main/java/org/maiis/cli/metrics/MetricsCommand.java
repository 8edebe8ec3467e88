package org.maiis.cli.metrics;

import java.util.List;
import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code maiis metrics}: the metric catalog and checks against it. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = "The metric catalog, and checks of expositions, alert rules and dashboards.")
public final class MetricsCommand extends GroupCommand {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(MetricsCatalogCommand.class, MetricsValidateCommand.class);
  }
}
