package org.maiis.cli.ssl;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.acme.RenewalSchedule;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maiis ssl schedule}: runs {@code maiis ssl renew} twice a day from systemd or cron. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  maiis ssl schedule --systemd",
      "  maiis ssl schedule --systemd --install",
      "  maiis ssl schedule --cron --metrics-file /var/lib/node_exporter/ssl.prom"
    },
    description = {
      "Run 'maiis ssl renew' twice a day from systemd or cron.",
      "Prints (or --install) a systemd service + timer, or a cron.d line, with a",
      "random delay, absolute paths and a PATH that finds nginx."
    })
public final class SslScheduleCommand extends SslDirCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Kind kind;

  static final class Kind {
    @Option(names = "--systemd", description = "systemd service + timer.")
    boolean systemd;

    @Option(names = "--cron", description = "A crontab line.")
    boolean cron;
  }

  @Option(
      names = "--install",
      description = "Write to /etc/systemd/system or /etc/cron.d instead of printing.")
  boolean install;

  @Option(
      names = "--metrics-file",
      paramLabel = "PATH",
      description = "Pass --metrics-file to renew.")
  Path metricsFile;

  @Option(
      names = "--command",
      paramLabel = "PATH",
      description =
          "The installed maiis the unit runs (default: this release's launcher, else 'maiis'"
              + " found on PATH).")
  Path command;

  /** The installed maiis, absolute; a usage error when there is none to point the unit at. */
  private Path maiis() {
    if (command != null) {
      Path p = command.toAbsolutePath().normalize();
      if (!java.nio.file.Files.isRegularFile(p) || !java.nio.file.Files.isExecutable(p)) {
        throw new CliFailure(
            ExitCodes.USAGE, "--command: " + p + " is not an executable file. Point it at maiis");
      }
      return p;
    }
    return RenewalSchedule.installedRelease()
        .or(() -> RenewalSchedule.findOnPath(System.getenv("PATH")))
        .orElseThrow(
            () ->
                new CliFailure(
                    ExitCodes.USAGE,
                    "no 'maiis' command on PATH for the unit to run. Install maiis (see README)"
                        + " or pass --command /path/to/maiis"));
  }

  @Override
  public Integer call() throws IOException {
    // A named config that is missing or invalid fails here (exit 3), not silently in every
    // scheduled run that would then use the built-in defaults.
    config.loadOrDefaults();
    List<String> args =
        RenewalSchedule.renewCommand(
            List.of(maiis().toString()), config.path(), certDir.dir, metricsFile);
    RenewalSchedule s = new RenewalSchedule(args, InetAddress.getLocalHost().getHostName());
    if (kind.systemd) {
      if (install) {
        s.installSystemd(Path.of("/etc/systemd/system"));
        err()
            .println(
                "maiis ssl: installed; run: systemctl daemon-reload && systemctl enable --now maiis-renew.timer");
      } else {
        out()
            .print(
                "# /etc/systemd/system/maiis-renew.service\n"
                    + s.systemdService()
                    + "\n# /etc/systemd/system/maiis-renew.timer\n"
                    + s.systemdTimer());
      }
    } else if (install) {
      s.installCron(Path.of("/etc/cron.d"));
      err().println("maiis ssl: installed /etc/cron.d/maiis-renew");
    } else {
      out().print(s.cronFile());
    }
    return ExitCodes.OK;
  }
}
