package org.maiis.cli.dev;

import java.util.List;
import org.maiis.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code maiis dev}: the whole platform as local processes on loopback. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole platform on this machine, on the ports of the config.",
      "The API, nginx with a self-signed certificate, Prometheus with the rendered",
      "rules, Alertmanager and the blackbox exporter, with state and logs under one",
      "directory."
    })
public final class DevCommand extends GroupCommand {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(DevUpCommand.class, DevStatusCommand.class, DevDownCommand.class);
  }
}
