package org.maiis.cli.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ConfigOption;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.maiis.render.Artifacts;
import org.maiis.render.nginx.NginxRuntime;
import org.maiis.render.output.Artifact;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;
import org.maiis.render.output.TreeDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maiis config render}: the files derived from maiis.yaml. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render the files derived from maiis.yaml into DIR.",
      "nginx, Prometheus, alert rules, Alertmanager, blackbox, mtail, Grafana and a",
      "docker compose file. Every file is written atomically, and only after all of",
      "them rendered; a rendered file an earlier run wrote that is no longer rendered",
      "(such as the rules of a job now disabled) is removed. Needs a config file, as",
      "config validate does (exit 3 without one); 'maiis config init' writes one."
    },
    footer = {
      "",
      "Examples:",
      "  maiis config render -c maiis.yaml --out rendered/",
      "  maiis config render -c maiis.yaml --only nginx,alerts --out rendered/",
      "  maiis config render -c maiis.yaml --out rendered/ --diff",
      "  maiis config render -c maiis.yaml --stdout nginx > nginx.conf"
    })
public final class ConfigRenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory to render into.")
  Path out;

  @Option(
      names = "--only",
      paramLabel = "NAME",
      split = ",",
      completionCandidates = ArtifactNames.class,
      description =
          "Render only these artifacts (nginx, prometheus, alerts, alertmanager, blackbox,"
              + " mtail, grafana, compose).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--stdout",
      paramLabel = "NAME|FILE",
      description = "Print one file instead of writing: an artifact's main file, or a path.")
  String stdout;

  @Option(names = "--diff", description = "Print a unified diff against DIR; write nothing.")
  boolean diff;

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      description = "Use DIR/<path> instead of a built-in template where it exists.")
  Path templatesDir;

  @Option(
      names = "--private-prefix",
      description =
          "nginx keeps its pid file, logs and temp files inside its prefix and names no worker"
              + " user, so `nginx -p DIR/nginx/ -c nginx.conf` runs it beside a system nginx"
              + " (staging, tests).")
  boolean privatePrefix;

  @Override
  public Integer call() throws IOException {
    if (stdout == null && out == null) {
      throw new CliFailure(ExitCodes.USAGE, "--out DIR is required (or --stdout NAME)");
    }
    if (stdout != null && diff) {
      throw new CliFailure(ExitCodes.USAGE, "--stdout and --diff do not go together");
    }
    // As config validate: rendering a deployment from defaults nobody chose hides a missing file.
    MaiisConfig c = config.load();
    Templates templates =
        templatesDir == null ? Templates.builtIn() : Templates.withOverrides(templatesDir);
    Artifacts known =
        Artifacts.standard(
            privatePrefix ? NginxRuntime.privatePrefix(Optional.empty()) : NginxRuntime.SYSTEM);
    List<Artifact> chosen;
    try {
      chosen = known.select(only);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
    RenderedTree tree = Artifacts.render(chosen, c, templates);
    if (stdout != null) {
      spec.commandLine().getOut().print(tree.text(fileFor(stdout, chosen, tree)));
      return ExitCodes.OK;
    }
    if (diff) {
      String text = TreeDiff.unified(tree, out);
      spec.commandLine().getOut().print(text);
      if (text.isEmpty()) {
        spec.commandLine().getErr().println(out + ": up to date");
      }
      return ExitCodes.OK;
    }
    List<String> stale = tree.writeTo(out);
    for (String path : tree.paths()) {
      spec.commandLine().getErr().println("wrote " + out.resolve(path));
    }
    for (String path : stale) {
      spec.commandLine().getErr().println("removed " + out.resolve(path) + " (no longer rendered)");
    }
    return ExitCodes.OK;
  }

  private static String fileFor(String name, List<Artifact> chosen, RenderedTree tree) {
    for (Artifact a : chosen) {
      if (a.name().equals(name)) {
        return a.mainFile();
      }
    }
    if (tree.has(name)) {
      return name;
    }
    throw new CliFailure(
        ExitCodes.USAGE,
        "--stdout " + name + ": neither an artifact nor a rendered file (" + tree.paths() + ")");
  }
}
