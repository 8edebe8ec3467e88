package org.maiis.cli.dev;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ErrorHandler;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.dev.ComponentState;
import org.maiis.dev.DevLauncher;
import org.maiis.dev.DevStack;
import org.maiis.process.Executables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maiis dev up}: renders, makes a certificate, starts the stack and waits for it. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the stack and wait until every component answers its health URL.",
      "Renders the config into STATE/rendered, makes a self-signed certificate in",
      "STATE/certs (unless one is there) and starts every installed component. Prints",
      "one line per component; a program that is not installed is reported with its",
      "apt package and the rest still starts; one whose port another process holds",
      "is not started (its URL would answer for the wrong process). Exit 1 when one",
      "failed."
    },
    footer = {
      "",
      "Examples:",
      "  maiis dev up",
      "  maiis dev up -c maiis.yaml --state-dir /tmp/stack --timeout 120"
    })
public final class DevUpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateDirOption state;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "examples/dev.yaml",
      description = "Config of the stack (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How long to wait for the components to become healthy (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    MaiisConfig c = new ConfigLoader(System::getenv).load(config);
    // The root command's class is the main class (org.maiis.cli.Maiis), known without importing it.
    Class<?> main = spec.root().userObject().getClass();
    DevStack stack = new DevStack(c, config, state.dir(), SelfCommand.current(main));
    DevLauncher launcher = Launchers.of(state.dir());
    PrintWriter err = spec.commandLine().getErr();
    if (!launcher.running().isEmpty()) {
      throw alreadyRunning(stack.stateDir());
    }
    stack.render();
    if (stack.ensureCertificate(Instant.now())) {
      err.println(spec.qualifiedName() + ": self-signed certificate in " + stack.certDir());
    }
    List<ComponentState> states;
    try {
      states =
          launcher.up(
              stack.plan(new Executables(System::getenv)::find),
              Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalStateException e) {
      throw alreadyRunning(stack.stateDir());
    }
    boolean failed = false;
    String name = spec.qualifiedName();
    for (ComponentState s : states) {
      spec.commandLine().getOut().println(s.line());
      if (s.state() == ComponentState.State.FAILED) {
        failed = true;
        err.println(name + ": " + s.name() + " failed; last lines of its log:");
        s.detail().lines().forEach(l -> err.println("  " + l));
      } else if (s.state() == ComponentState.State.PORT_IN_USE) {
        failed = true;
        err.println(
            ErrorHandler.line(
                spec.commandLine(),
                s.name() + " was not started: " + s.detail() + " is in use by another process",
                "Stop that process or choose another port in " + config));
      }
    }
    if (failed) {
      if (states.stream().anyMatch(s -> s.state() == ComponentState.State.HEALTHY)) {
        err.println(
            name
                + ": the rest is running; stop it with: maiis dev down --state-dir "
                + state.dir());
      }
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }

  private static CliFailure alreadyRunning(Path stateDir) {
    return new CliFailure(
        ExitCodes.FAILURE,
        "a dev stack is already running in "
            + stateDir
            + " (see: maiis dev status --state-dir "
            + stateDir
            + "; stop it with: maiis dev down --state-dir "
            + stateDir
            + ")");
  }
}
