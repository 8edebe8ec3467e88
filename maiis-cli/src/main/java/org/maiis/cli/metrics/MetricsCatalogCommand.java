package org.maiis.cli.metrics;

import java.util.concurrent.Callable;
import org.maiis.cli.common.ExitCodes;
import org.maiis.metrics.CatalogDocument;
import org.maiis.metrics.MetricCatalog;
import org.maiis.metrics.MetricSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maiis metrics catalog}: every metric the platform exports. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = {
      "Print every metric the platform exports: name, type, labels, buckets, source.",
      "Without options: one metric a line. docs/METRICS.md is the --markdown output."
    },
    footer = {
      "",
      "Examples:",
      "  maiis metrics catalog",
      "  maiis metrics catalog --json > catalog.json"
    })
public final class MetricsCatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Format {
    @Option(names = "--json", description = "JSON array of metrics.")
    boolean json;

    @Option(names = "--markdown", description = "Markdown tables by area (docs/METRICS.md).")
    boolean markdown;
  }

  @ArgGroup(exclusive = true)
  Format format;

  @Override
  public Integer call() {
    MetricCatalog catalog = MetricCatalog.standard();
    var out = spec.commandLine().getOut();
    if (format != null && format.json) {
      out.print(CatalogDocument.json(catalog));
    } else if (format != null && format.markdown) {
      out.print(CatalogDocument.markdown(catalog));
    } else {
      for (MetricSpec m : catalog.metrics()) {
        out.printf(
            "%-52s %-9s %s%n",
            m.name(),
            m.type().name().toLowerCase(java.util.Locale.ROOT),
            String.join(",", m.labelNames()));
      }
    }
    return ExitCodes.OK;
  }
}
