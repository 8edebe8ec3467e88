package org.maiis.cli.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.metrics.ExpositionLint;
import org.maiis.metrics.Finding;
import org.maiis.metrics.MetricCatalog;
import org.maiis.metrics.MetricsValidation;
import org.maiis.metrics.RuleMetricCheck;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maiis metrics validate}: lint an exposition and compare it, and rules, with the catalog.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Lint a /metrics exposition and compare it with the metric catalog.",
      "The lint covers names, units, _total, help, raw ids and cardinality; the",
      "comparison finds unknown metrics and wrong types or labels. With --rules, check",
      "that every metric queried by alert rules (*.yml) and Grafana dashboards",
      "(*.json) under DIR is in the catalog or exported by a declared exporter.",
      "One finding a line: error|warning: WHERE: what.",
      "Exit 0 when no errors, 4 otherwise."
    },
    footer = {
      "",
      "Examples:",
      "  maiis metrics validate --url http://127.0.0.1:8000/metrics",
      "  maiis metrics validate --file metrics.prom --json",
      "  maiis metrics validate --rules rendered/"
    })
public final class MetricsValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @Option(names = "--url", paramLabel = "URL", description = "Scrape this /metrics URL.")
    String url;

    @Option(names = "--file", paramLabel = "FILE", description = "Read an exposition file.")
    Path file;
  }

  @ArgGroup(exclusive = true)
  Source source;

  @Option(names = "--rules", paramLabel = "DIR", description = "Rules and dashboards to check.")
  Path rules;

  @Option(
      names = "--max-series",
      paramLabel = "N",
      description = "Series per metric above which a label counts as unbounded (default: 1000).")
  int maxSeries = ExpositionLint.DEFAULT_MAX_SERIES;

  @Option(names = "--json", description = "Print the findings as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (source == null && rules == null) {
      throw new ParameterException(spec.commandLine(), "give --url, --file or --rules");
    }
    MetricCatalog catalog = MetricCatalog.standard();
    List<Finding> findings = new ArrayList<>();
    if (source != null) {
      String where = source.url != null ? source.url : source.file.toString();
      String text = source.url != null ? Scrape.fetch(source.url) : read(source.file);
      findings.addAll(MetricsValidation.check(where, text, catalog, maxSeries));
    }
    if (rules != null) {
      if (!Files.isDirectory(rules)) {
        throw new CliFailure(ExitCodes.FAILURE, rules + ": not a directory");
      }
      try {
        findings.addAll(new RuleMetricCheck(catalog).check(rules));
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.FAILURE, rules + ": " + e.getMessage());
      }
    }
    FindingsReport.print(spec.commandLine().getOut(), findings, json);
    return MetricsValidation.hasErrors(findings) ? ExitCodes.VALIDATION_FAILED : ExitCodes.OK;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CliFailure(ExitCodes.FAILURE, file + ": no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new CliFailure(ExitCodes.FAILURE, file + ": cannot read: permission denied");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CliFailure(ExitCodes.FAILURE, file + ": not UTF-8 text");
    } catch (java.nio.file.FileSystemException e) {
      // Its message repeats the path; the reason is the news.
      throw new CliFailure(
          ExitCodes.FAILURE,
          file + ": cannot read: " + (e.getReason() == null ? "I/O error" : e.getReason()));
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, file + ": cannot read: " + e.getMessage());
    }
  }
}
