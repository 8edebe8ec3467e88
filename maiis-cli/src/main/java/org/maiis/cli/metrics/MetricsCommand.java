package org.maiis.cli.metrics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code maiis metrics}: the metric catalog and checks against it. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = "The metric catalog, and checks of expositions, alert rules and dashboards.",
    subcommands = {MetricsCatalogCommand.class, MetricsValidateCommand.class})
public final class MetricsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
