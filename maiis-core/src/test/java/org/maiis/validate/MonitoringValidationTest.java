package org.maiis.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maiis.config.AlertDefaults;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.config.MonitoringConfig;
import org.maiis.process.Executables;
import org.maiis.render.Artifacts;
import org.maiis.render.alerts.AlertRulesRenderer;
import org.maiis.render.monitoring.MonitoringRenderer;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;
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

  /** What validation finds once {@code from} is replaced by {@code to} in the api rules file. */
  private List<ValidationProblem> problemsWithApiRulesEdited(String from, String to)
      throws IOException {
    String file = AlertRulesRenderer.rulesFile("api");
    RenderedTree tree = rendered();
    return validation.validate(replace(tree, file, tree.text(file).replace(from, to))).problems();
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
    List<ValidationProblem> problems = problemsWithApiRulesEdited("> 2", "> > 2");
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.file().equals(file) && p.message().startsWith("promtool: ")),
        problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.format().lines().count() == 1), "one line each");
  }

  @Test
  void alertThatNoLongerFiresFailsItsUnitTestNamedInOneLine() throws IOException {
    ExternalTools.SYSTEM.require("promtool", "prometheus");
    // A threshold edited by hand, away from the config: the generated test catches it.
    List<ValidationProblem> problems = problemsWithApiRulesEdited("> 1000", "> 100000");
    assertTrue(
        problems.stream().allMatch(p -> p.file().equals(AlertRulesRenderer.testsFile("api"))),
        problems.toString());
    assertEquals(
        List.of(
            "promtool: unit test failed: HighRequestRate stays silent on the safe side of its"
                + " threshold, then fires after 5m across it"),
        problems.stream().map(ValidationProblem::message).toList());
  }

  @Test
  void alertThatFiresOnTheSafeSideFailsItsUnitTest() throws IOException {
    ExternalTools.SYSTEM.require("promtool", "prometheus");
    // The quiet part runs at 400 requests/s: a threshold of 100 fires before the firing part.
    List<ValidationProblem> problems = problemsWithApiRulesEdited("> 1000", "> 100");
    assertEquals(
        List.of(
            "promtool: unit test failed: HighRequestRate stays silent on the safe side of its"
                + " threshold, then fires after 5m across it"),
        problems.stream().map(ValidationProblem::message).toList());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lowest", "highest", "fractional"})
  void everyAlertTestPassesAtTheEdgesOfTheAcceptedThresholds(String edge) throws IOException {
    ExternalTools.SYSTEM.require("promtool", "prometheus");
    StringBuilder yaml = new StringBuilder("monitoring:\n  jobs:\n");
    MonitoringConfig.KNOWN_JOBS
        .keySet()
        .forEach(j -> yaml.append("    ").append(j).append(": {enabled: true}\n"));
    yaml.append("  alerts:\n");
    AlertDefaults.all()
        .forEach(
            (name, def) -> {
              if (def.threshold().isEmpty()) {
                return;
              }
              String unit = def.unit();
              String t;
              if (unit.equals("availability SLO")) {
                t = edge.equals("lowest") ? (name.endsWith("Fast") ? "0.94" : "0.84") : "0.99999";
              } else if (unit.startsWith("ratio")) {
                t = edge.equals("lowest") ? "0" : "0.999";
              } else if (unit.equals("days left")) {
                t = edge.equals("lowest") ? "1" : "1000";
              } else if (unit.startsWith("hours until full")) {
                // The forecast must reach beyond the default 'for' of 1h plus 5 minutes.
                t = edge.equals("lowest") ? "1.5" : "1000000";
              } else if (unit.matches("(seconds|hours|days)\\b.*")) {
                t = edge.equals("lowest") ? "0.5" : "1000000";
              } else {
                t = edge.equals("lowest") ? "0" : edge.equals("highest") ? "1000000" : "0.25";
              }
              yaml.append("    ").append(name).append(": {threshold: ").append(t).append("}\n");
            });
    MaiisConfig edgy = new ConfigLoader(k -> null).parse("edge.yaml", yaml.toString());
    RenderedTree tree = Artifacts.render(MonitoringRenderer.artifacts(), edgy, Templates.builtIn());
    assertEquals(List.of(), validation.validate(tree).problems(), yaml.toString());
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
