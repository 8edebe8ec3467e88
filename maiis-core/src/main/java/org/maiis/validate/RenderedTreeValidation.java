package org.maiis.validate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.maiis.config.MaiisConfig;
import org.maiis.process.Executables;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/** Every check of a rendered tree: nginx (built-in and nginx -t) and the monitoring tools. */
public final class RenderedTreeValidation {
  private static final NginxValidation.Report NO_REPORT =
      new NginxValidation.Report(List.of(), List.of());

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
    // nginx and the monitoring tools check different files: side by side, reported in this order.
    CompletableFuture<NginxValidation.Report> nginx = CompletableFuture.completedFuture(NO_REPORT);
    if (tree.paths().stream().anyMatch(p -> p.startsWith("nginx/"))) {
      Optional<NginxInstallation> installed = NginxInstallation.find(env);
      nginx =
          CompletableFuture.supplyAsync(
              () -> NginxValidation.validate(config, templates, tree, installed));
    }
    NginxValidation.Report monitoring =
        new MonitoringValidation(new Executables(env)).validate(tree);
    NginxValidation.Report nginxReport;
    try {
      nginxReport = nginx.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    problems.addAll(nginxReport.problems());
    notes.addAll(nginxReport.notes());
    if (tree.has("alertmanager/alertmanager.yml")) {
      notes.addAll(ReceiverCoverage.warnings(config.monitoring().receivers()));
    }
    problems.addAll(monitoring.problems());
    notes.addAll(monitoring.notes());
    return new NginxValidation.Report(problems, notes);
  }
}
