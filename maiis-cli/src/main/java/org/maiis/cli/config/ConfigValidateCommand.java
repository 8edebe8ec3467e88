package org.maiis.cli.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.cli.common.ConfigOption;
import org.maiis.cli.common.ExitCodes;
import org.maiis.cli.common.JsonOutput;
import org.maiis.config.ConfigException;
import org.maiis.config.MaiisConfig;
import org.maiis.render.Artifacts;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;
import org.maiis.validate.NginxValidation;
import org.maiis.validate.RenderedTreeValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maiis config validate}: the file, then the files rendered from it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a config file, then the files rendered from it.",
      "Reports every problem of the config at once, one line each:",
      "  FILE:LINE:COL: field.path: what is wrong (what was expected)",
      "Then renders it in memory and checks the result: built-in nginx checks,",
      "nginx -t in a private prefix, promtool (config, rules, alert unit tests),",
      "amtool, mtail and blackbox_exporter, each when installed. Rendered-file",
      "problems:  RENDERED_FILE:LINE: what",
      "Exit 0 when valid, 3 when the config is not, 4 when a rendered file fails a",
      "check."
    },
    footer = {
      "",
      "Examples:",
      "  maiis config validate -c examples/dev.yaml",
      "  maiis config validate -c maiis.yaml --json"
    })
public final class ConfigValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      description = "Check with DIR/<path> instead of a built-in template where it exists.")
  Path templatesDir;

  @Option(
      names = "--json",
      description =
          "Print {config, valid, config_problems, rendered_problems, notes} on stdout instead"
              + " (see docs/CONFIGURATION.md); same exit codes.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    MaiisConfig c;
    try {
      c = config.load();
    } catch (ConfigException e) {
      if (!json) {
        throw e;
      }
      String file = e.problems().isEmpty() ? "" : e.problems().get(0).file();
      JsonOutput.print(
          spec.commandLine().getOut(), ValidationJson.of(file, e.problems(), List.of(), List.of()));
      return ExitCodes.CONFIG_INVALID;
    }
    Templates templates =
        templatesDir == null ? Templates.builtIn() : Templates.withOverrides(templatesDir);
    RenderedTree tree = Artifacts.standard().renderAll(c, templates);
    NginxValidation.Report report =
        RenderedTreeValidation.validate(c, templates, tree, System::getenv);
    int code = report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
    if (json) {
      JsonOutput.print(
          spec.commandLine().getOut(),
          ValidationJson.of(c.source(), List.of(), report.problems(), report.notes()));
      return code;
    }
    PrintWriter err = spec.commandLine().getErr();
    report.notes().forEach(n -> err.println("note: " + n));
    report.problems().forEach(p -> err.println(p.format()));
    if (code == ExitCodes.OK) {
      spec.commandLine().getOut().println(c.source() + ": valid");
    }
    return code;
  }
}
