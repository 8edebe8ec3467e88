package org.maiis.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.process.Executables;
import org.maiis.render.Artifacts;
import org.maiis.render.RenderedTree;
import org.maiis.render.Templates;
import org.maiis.render.alerts.AlertRulesRenderer;
import org.maiis.render.monitoring.MonitoringRenderer;
import org.maiis.testing.ExternalTools;

class MonitoringValidationTest {
  private final MaiisConfig config = new ConfigLoader(k -> null).defaults();
  private final MonitoringValidation validation =
      new MonitoringValidation(new Executables(System::getenv));

  private RenderedTree rendered() {
    return Artifacts.render(MonitoringRenderer.artifacts(), config, Templates.builtIn());
  }

  private static RenderedTree replace(RenderedTree tree, String path, String text) {
    RenderedTree copy = RenderedTree.empty();
    for (String p : tree.paths()) {
      copy = p.equals(path) ? copy.with(p, text) : copy.with(p, tree.bytes(p));
    }
    return copy;
  }

  @Test
  void renderedFilesPass() throws IOException {
    ExternalTools.SYSTEM.require("promtool", "prometheus");
    ExternalTools.SYSTEM.require("amtool", "prometheus-alertmanager");
    NginxValidation.Report report = validation.validate(rendered());
    assertEquals(List.of(), report.problems());
  }

  @Test
  void brokenPromqlIsReportedAgainstItsFile() throws IOException {
    ExternalTools.SYSTEM.require("promtool", "prometheus");
    String file = AlertRulesRenderer.rulesFile("api");
    RenderedTree tree = rendered();
    RenderedTree broken = replace(tree, file, tree.text(file).replace("> 2", "> > 2"));
    List<ValidationProblem> problems = validation.validate(broken).problems();
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.file().equals(file) && p.message().startsWith("promtool: ")),
        problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.format().lines().count() == 1), "one line each");
  }

  @Test
  void alertThatNoLongerFiresFailsItsUnitTest() throws IOException {
    ExternalTools.SYSTEM.require("promtool", "prometheus");
    String file = AlertRulesRenderer.rulesFile("api");
    RenderedTree tree = rendered();
    // A threshold edited by hand, away from the config: the generated test catches it.
    RenderedTree edited = replace(tree, file, tree.text(file).replace("> 1000", "> 100000"));
    List<ValidationProblem> problems = validation.validate(edited).problems();
    assertTrue(
        problems.stream().anyMatch(p -> p.file().equals(AlertRulesRenderer.testsFile("api"))),
        problems.toString());
  }

  @Test
  void alertmanagerConfigErrorsAreReported() throws IOException {
    ExternalTools.SYSTEM.require("amtool", "prometheus-alertmanager");
    RenderedTree broken =
        replace(rendered(), "alertmanager/alertmanager.yml", "route:\n  receiver: nobody\n");
    List<ValidationProblem> problems = validation.validate(broken).problems();
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.file().equals("alertmanager/alertmanager.yml")
                        && p.message().startsWith("amtool: ")),
        problems.toString());
  }

  @Test
  void missingToolsAreNotesNotFailures() throws IOException {
    MonitoringValidation noTools =
        new MonitoringValidation(new Executables(k -> k.equals("PATH") ? "/nonexistent" : null));
    NginxValidation.Report report = noTools.validate(rendered());
    assertEquals(List.of(), report.problems());
    assertTrue(
        report.notes().stream().anyMatch(n -> n.contains("apt-get install prometheus")),
        report.notes().toString());
  }
}
