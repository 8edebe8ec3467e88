package org.maiis.cli.dev;

import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.cli.common.ExitCodes;
import org.maiis.dev.ComponentState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code maiis dev status}: each recorded process, whether it runs, its URL and health. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show whether each process 'dev up' started is healthy.",
      "Each is healthy, unhealthy (running, health URL not answering) or stopped,",
      "shown with its URL. Exit 0 when all are healthy, 1 otherwise (also when no",
      "stack is recorded)."
    })
public final class DevStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateDirOption state;

  @Override
  public Integer call() throws Exception {
    List<ComponentState> states = Launchers.of(state.dir()).status();
    if (states.isEmpty()) {
      spec.commandLine().getErr().println("maiis dev: no dev stack recorded in " + state.dir());
      return ExitCodes.FAILURE;
    }
    boolean healthy = true;
    for (ComponentState s : states) {
      spec.commandLine().getOut().println(s.line());
      healthy &= s.state() == ComponentState.State.HEALTHY;
    }
    return healthy ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
