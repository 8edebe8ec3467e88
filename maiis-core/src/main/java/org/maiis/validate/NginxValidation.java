package org.maiis.validate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maiis.config.MaiisConfig;
import org.maiis.render.nginx.Version;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/**
 * Validates the rendered nginx tree: the built-in checks always, and {@code nginx -t} when nginx is
 * installed and at least as new as the versions the config targets (an older nginx would reject
 * directives the target needs, which says nothing about the config).
 */
public final class NginxValidation {
  private NginxValidation() {}

  /**
   * What validation found.
   *
   * @param problems every problem, one line each
   * @param notes what was and was not checked, for stderr
   */
  public record Report(List<ValidationProblem> problems, List<String> notes) {}

  /**
   * Validates {@code tree}, rendered from {@code config} with {@code templates}.
   *
   * @param nginx the installed nginx, or empty to run the built-in checks only
   */
  public static Report validate(
      MaiisConfig config,
      Templates templates,
      RenderedTree tree,
      Optional<NginxInstallation> nginx) {
    List<ValidationProblem> problems = new ArrayList<>(NginxStaticChecks.check(tree, config));
    List<String> notes = new ArrayList<>();
    if (nginx.isEmpty()) {
      notes.add("nginx is not installed: built-in nginx checks only");
      return new Report(problems, notes);
    }
    NginxInstallation n = nginx.get();
    Version targetNginx = Version.parse(config.tls().target().nginx());
    Version targetOpenssl = Version.parse(config.tls().target().openssl());
    if (!n.version().atLeast(targetNginx) || !n.openssl().atLeast(targetOpenssl)) {
      notes.add(
          "nginx -t skipped: installed nginx "
              + n.version()
              + " with OpenSSL "
              + n.openssl()
              + " is older than tls.target (nginx "
              + targetNginx
              + ", OpenSSL "
              + targetOpenssl
              + "); built-in checks only");
      return new Report(problems, notes);
    }
    List<ValidationProblem> tested;
    try {
      tested = new NginxSyntaxCheck(n).check(config, templates);
    } catch (IOException e) {
      // No temp space, or nginx would not start: say so, keep the other checks.
      notes.add("nginx -t not run: " + e.getMessage() + "; built-in checks only");
      return new Report(problems, notes);
    }
    problems.addAll(tested);
    if (tested.isEmpty()) {
      notes.add("nginx -t passed (" + n.binary() + " " + n.version() + ")");
    }
    return new Report(problems, notes);
  }
}
