package org.maiis.validate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.maiis.config.MaiisConfig;
import org.maiis.process.Executables;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/** Every check of a rendered tree: nginx (built-in and nginx -t) and the monitoring tools. */
public final class RenderedTreeValidation {
  private RenderedTreeValidation() {}

  /**
   * Validates {@code tree}, rendered from {@code config} with {@code templates}.
   *
   * @param env the environment the tools are looked up in (System::getenv)
   */
  public static NginxValidation.Report validate(
      MaiisConfig config, Templates templates, RenderedTree tree, Function<String, String> env)
      throws IOException {
    List<ValidationProblem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (tree.paths().stream().anyMatch(p -> p.startsWith("nginx/"))) {
      NginxValidation.Report nginx =
          NginxValidation.validate(config, templates, tree, NginxInstallation.find(env));
      problems.addAll(nginx.problems());
      notes.addAll(nginx.notes());
    }
    if (tree.has("alertmanager/alertmanager.yml")) {
      notes.addAll(ReceiverCoverage.warnings(config.monitoring().receivers()));
    }
    NginxValidation.Report monitoring =
        new MonitoringValidation(new Executables(env)).validate(tree);
    problems.addAll(monitoring.problems());
    notes.addAll(monitoring.notes());
    return new NginxValidation.Report(problems, notes);
  }
}
