package org.maiis.cli.dev;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.cli.common.ExitCodes;
import org.maiis.dev.ProcessSupervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code maiis dev down}: stops exactly the processes 'dev up' started. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the processes 'dev up' recorded.",
      "By pid, and only while each is still the process that was started: SIGTERM,",
      "then SIGKILL after the grace period. State, logs and the certificate stay for",
      "the next 'up'."
    },
    footer = {"", "Examples:", "  maiis dev down", "  maiis dev down --state-dir /tmp/stack"})
public final class DevDownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateDirOption state;

  @Override
  public Integer call() throws Exception {
    List<String> stopped = new ProcessSupervisor(state.dir()).stopAll(Duration.ofSeconds(15));
    if (stopped.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(spec.qualifiedName() + ": nothing running in " + state.dir());
    }
    for (String name : stopped) {
      spec.commandLine().getOut().println("stopped " + name);
    }
    return ExitCodes.OK;
  }
}
