package org.maiis.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.maiis.process.Executables;
import org.maiis.process.ProcessRunner;
import org.maiis.render.alertmanager.AlertmanagerRenderer;
import org.maiis.render.blackbox.BlackboxRenderer;
import org.maiis.render.grafana.DashboardCheck;
import org.maiis.render.grafana.GrafanaRenderer;
import org.maiis.render.mtail.MtailRenderer;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.prometheus.PrometheusConfigRenderer;
import org.maiis.render.prometheus.RuleFiles;

/**
 * Checks the rendered monitoring files with the real tools when they are installed: promtool
 * (config, rules, and the alert unit tests), amtool, mtail and blackbox_exporter, plus the check
 * Prometheus itself skips: that the rule_files glob matches the rendered rules.
 */
public final class MonitoringValidation {
  private final Executables tools;
  private final ProcessRunner runner = new ProcessRunner(Duration.ofMinutes(2));

  /** Validation with programs looked up by {@code tools}. */
  public MonitoringValidation(Executables tools) {
    this.tools = tools;
  }

  /** Validates the monitoring files of {@code tree}; files it lacks are not checked. */
  public NginxValidation.Report validate(RenderedTree tree) throws IOException {
    List<ValidationProblem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Path dir = Files.createTempDirectory("maiis-validate-");
    UnitTestRuns unitTests = UnitTestRuns.NONE;
    try {
      tree.writeTo(dir);
      if (tree.has(PrometheusConfigRenderer.PATH)) {
        List<Path> rules =
            RuleFiles.matching(dir.resolve("prometheus"), PrometheusConfigRenderer.RULES_GLOB);
        boolean rulesRendered =
            tree.paths().stream().anyMatch(p -> p.startsWith("prometheus/rules/"));
        if (rulesRendered && rules.isEmpty()) {
          problems.add(
              new ValidationProblem(
                  PrometheusConfigRenderer.PATH,
                  0,
                  "rule_files "
                      + PrometheusConfigRenderer.RULES_GLOB
                      + " matches no rendered rule file"));
        }
      }
      List<String> ruleFiles = under(tree, "prometheus/rules/");
      List<String> testFiles = under(tree, "prometheus/tests/");
      Optional<Path> promtool = tools.find("promtool");
      int unitTestProblemsAt = 0;
      if (promtool.isPresent()) {
        String bin = promtool.get().toString();
        // The alert unit tests are most of the work: they start first, the quick checks meanwhile.
        unitTests = startEach(dir, testFiles, List.of(bin, "test", "rules"));
        if (tree.has(PrometheusConfigRenderer.PATH)) {
          // --syntax-only: credential files named in the config exist on the server, not here.
          check(
              problems,
              dir,
              PrometheusConfigRenderer.PATH,
              List.of(bin, "check", "config", "--syntax-only", PrometheusConfigRenderer.PATH));
        }
        checkBatch(problems, dir, ruleFiles, List.of(bin, "check", "rules"));
        unitTestProblemsAt = problems.size();
        notes.add(
            "promtool checked " + (ruleFiles.size() + testFiles.size()) + " rule and test files");
      } else if (!ruleFiles.isEmpty() || tree.has(PrometheusConfigRenderer.PATH)) {
        notes.add(
            "promtool is not installed (apt-get install prometheus): Prometheus files not checked");
      }
      checkWith(
          problems,
          notes,
          dir,
          tree,
          "amtool",
          "prometheus-alertmanager",
          AlertmanagerRenderer.PATH,
          f -> List.of("check-config", f));
      checkWith(
          problems,
          notes,
          dir,
          tree,
          "mtail",
          "mtail",
          MtailRenderer.PATH,
          f ->
              List.of(
                  "--compile_only", "--logtostderr", "--progs", Path.of(f).getParent().toString()));
      checkWith(
          problems,
          notes,
          dir,
          tree,
          "prometheus-blackbox-exporter",
          "prometheus-blackbox-exporter",
          BlackboxRenderer.PATH,
          f -> List.of("--config.check", "--config.file=" + f));
      if (tree.paths().stream().anyMatch(p -> p.startsWith(GrafanaRenderer.DASHBOARDS_DIR + "/"))) {
        DashboardCheck.Report dashboards = new DashboardCheck(runner, promtool).check(dir);
        dashboards.problems().forEach(p -> problems.add(problemFromLine(p)));
        notes.addAll(dashboards.notes());
      }
      problems.addAll(unitTestProblemsAt, unitTests.problems());
    } finally {
      unitTests.stop();
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return new NginxValidation.Report(problems, notes);
  }

  private void checkWith(
      List<ValidationProblem> problems,
      List<String> notes,
      Path dir,
      RenderedTree tree,
      String tool,
      String debianPackage,
      String file,
      java.util.function.Function<String, List<String>> args)
      throws IOException {
    if (!tree.has(file)) {
      return;
    }
    Optional<Path> program = tools.find(tool);
    if (program.isEmpty()) {
      notes.add(
          tool
              + " is not installed (apt-get install "
              + debianPackage
              + "): "
              + file
              + " not checked");
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(program.get().toString());
    command.addAll(args.apply(file));
    check(problems, dir, file, command);
  }

  private void check(List<ValidationProblem> problems, Path dir, String file, List<String> command)
      throws IOException {
    ProcessRunner.Result r = runner.run(command, dir, Map.of(), null);
    if (!r.ok()) {
      String first = summary(r.stdout() + "\n" + r.stderr());
      problems.add(
          new ValidationProblem(
              file,
              0,
              Path.of(command.get(0)).getFileName()
                  + ": "
                  + (r.timedOut() ? "timed out" : first.strip())));
    }
  }

  /**
   * The line of a failed check's output that says what failed. promtool's unit tests open with
   * "Unit Testing: FILE" and "FAILED:", then name the failing test.
   */
  static String summary(String output) {
    List<String> lines =
        output
            .lines()
            .map(String::strip)
            .filter(
                l ->
                    !l.isEmpty()
                        && !l.startsWith("Checking")
                        && !l.startsWith("Unit Testing:")
                        && !l.equals("FAILED:"))
            .toList();
    if (lines.isEmpty()) {
      return "failed";
    }
    String first = lines.get(0);
    if (first.startsWith("name: ")) {
      String test = first.substring("name: ".length()).replaceAll(",$", "");
      return "unit test failed: " + test;
    }
    return first;
  }

  /** One promtool run for all files; only when it fails, one run per file to name the culprit. */
  private void checkBatch(
      List<ValidationProblem> problems, Path dir, List<String> files, List<String> command)
      throws IOException {
    if (files.isEmpty()) {
      return;
    }
    List<String> all = new ArrayList<>(command);
    all.addAll(files);
    if (runner.run(all, dir, Map.of(), null).ok()) {
      return;
    }
    for (String f : files) {
      List<String> one = new ArrayList<>(command);
      one.add(f);
      check(problems, dir, f, one);
    }
  }

  /** Runs started by {@link #startEach}: their problems in file order, once all have ended. */
  private record UnitTestRuns(
      ExecutorService pool, List<String> files, Map<String, Future<List<ValidationProblem>>> runs) {
    static final UnitTestRuns NONE = new UnitTestRuns(null, List.of(), Map.of());

    List<ValidationProblem> problems() throws IOException {
      List<ValidationProblem> found = new ArrayList<>();
      try {
        for (String f : files) {
          found.addAll(runs.get(f).get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while promtool ran", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
      return found;
    }

    void stop() {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /**
   * One run per file, side by side on every core: the alert unit tests are most of what {@code
   * config validate} waits for, and promtool runs a file's tests one after the other.
   */
  private UnitTestRuns startEach(Path dir, List<String> files, List<String> command) {
    if (files.isEmpty()) {
      return UnitTestRuns.NONE;
    }
    int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    // The largest file first (it has the most tests): a long one started last would run alone.
    List<String> bySize = new ArrayList<>(files);
    bySize.sort(
        Comparator.comparingLong((String f) -> dir.resolve(f).toFile().length()).reversed());
    Map<String, Future<List<ValidationProblem>>> runs = new HashMap<>();
    for (String f : bySize) {
      List<String> one = new ArrayList<>(command);
      one.add(f);
      runs.put(
          f,
          pool.submit(
              () -> {
                List<ValidationProblem> found = new ArrayList<>();
                check(found, dir, f, one);
                return found;
              }));
    }
    return new UnitTestRuns(pool, files, runs);
  }

  /** DashboardCheck's {@code FILE: message} lines as problems. */
  private static ValidationProblem problemFromLine(String line) {
    int colon = line.indexOf(": ");
    return colon > 0
        ? new ValidationProblem(line.substring(0, colon), 0, line.substring(colon + 2))
        : new ValidationProblem(GrafanaRenderer.DASHBOARDS_DIR, 0, line);
  }

  private static List<String> under(RenderedTree tree, String prefix) {
    return tree.paths().stream().filter(p -> p.startsWith(prefix)).toList();
  }
}
