package org.maiis.cli.dev;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.maiis.cli.common.ErrorHandler;
import org.maiis.cli.common.ExitCodes;
import org.maiis.cli.common.JsonOutput;
import org.maiis.dev.ComponentState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    },
    footer = {
      "",
      "Examples:",
      "  maiis dev status",
      "  maiis dev status --state-dir /tmp/stack --json"
    })
public final class DevStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateDirOption state;

  @Option(
      names = "--json",
      description =
          "Print {state_dir, healthy, components: [{name, state, url}]} instead (see"
              + " docs/DEV.md); same exit codes.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<ComponentState> states = Launchers.of(state.dir()).status();
    boolean healthy =
        !states.isEmpty()
            && states.stream().allMatch(s -> s.state() == ComponentState.State.HEALTHY);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("state_dir", state.dir().toAbsolutePath().normalize().toString());
      doc.put("healthy", healthy);
      doc.put(
          "components",
          states.stream()
              .map(
                  s -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("name", s.name());
                    c.put("state", s.state().label());
                    c.put("url", s.url());
                    return c;
                  })
              .toList());
      JsonOutput.print(spec.commandLine().getOut(), doc);
    } else {
      states.forEach(s -> spec.commandLine().getOut().println(s.line()));
    }
    if (states.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              ErrorHandler.line(
                  spec.commandLine(),
                  "no dev stack recorded in " + state.dir(),
                  "Start one with: maiis dev up --state-dir " + state.dir()));
    }
    return healthy ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
