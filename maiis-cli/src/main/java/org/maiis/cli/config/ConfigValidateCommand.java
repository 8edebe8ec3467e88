package org.maiis.cli.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maiis.cli.common.ConfigOption;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.maiis.render.Artifacts;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;
import org.maiis.validate.NginxValidation;
import org.maiis.validate.RenderedTreeValidation;
import org.maiis.validate.ValidationProblem;
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
    })
public final class ConfigValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      description = "Check with DIR/<path> instead of a built-in template where it exists.")
  Path templatesDir;

  @Override
  public Integer call() throws IOException {
    MaiisConfig c = config.load();
    Templates templates =
        templatesDir == null ? Templates.builtIn() : Templates.withOverrides(templatesDir);
    RenderedTree tree = Artifacts.standard().renderAll(c, templates);
    NginxValidation.Report report =
        RenderedTreeValidation.validate(c, templates, tree, System::getenv);
    PrintWriter err = spec.commandLine().getErr();
    report.notes().forEach(n -> err.println("note: " + n));
    if (!report.problems().isEmpty()) {
      for (ValidationProblem p : report.problems()) {
        err.println(p.format());
      }
      return ExitCodes.VALIDATION_FAILED;
    }
    spec.commandLine().getOut().println(c.source() + ": valid");
    return ExitCodes.OK;
  }
}
