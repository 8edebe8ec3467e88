package org.maiis.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.maiis.files.AtomicFiles;
import org.maiis.render.output.Templates;

/**
 * Units that run {@code maiis ssl renew} twice a day at a per-host hour and minute: a systemd
 * service + timer (a random delay of up to 8 minutes, catch-up after downtime) or a cron.d file.
 * Both set a PATH that finds nginx in /usr/sbin, which cron's default PATH does not.
 */
public final class RenewalSchedule {
  /** PATH for the renewal run: sbin directories included so deploy hooks find nginx. */
  public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final List<String> command;
  private final int minute;
  private final int hour;
  private final Templates templates;

  /**
   * A schedule running {@code command} (absolute paths); {@code seed} (such as the host name) picks
   * the cron minute and hour so hosts do not all hit the CA at once.
   */
  public RenewalSchedule(List<String> command, String seed) {
    this(command, seed, Templates.builtIn());
  }

  /** As {@link #RenewalSchedule(List, String)}, rendering the units from {@code templates}. */
  public RenewalSchedule(List<String> command, String seed, Templates templates) {
    this.templates = templates;
    this.command = List.copyOf(command);
    int h = Math.floorMod(seed.hashCode(), 12 * 60);
    this.minute = h % 60;
    this.hour = h / 60;
  }

  /**
   * What the unit templates ({@code templates/systemd/*.mustache}, {@code
   * templates/cron/maiis-renew.mustache}) fill in.
   *
   * @param path the PATH the run gets
   * @param command the shell-quoted renew command line
   * @param minute the cron minute
   * @param hour the first cron hour
   * @param secondHour the second cron hour, 12 hours later
   */
  public record View(String path, String command, int minute, int hour, int secondHour) {}

  private View view() {
    return new View(PATH, commandLine(), minute, hour, hour + 12);
  }

  /** The systemd service unit. */
  public String systemdService() {
    return templates.render("systemd/maiis-renew.service.mustache", view());
  }

  /**
   * The systemd timer unit: twice a day at this host's minute, up to 8 minutes late at random,
   * catching up on boot.
   */
  public String systemdTimer() {
    return templates.render("systemd/maiis-renew.timer.mustache", view());
  }

  /**
   * A /etc/cron.d file (with the user field), output sent to syslog as maiis-ssl. The job runs
   * under bash with pipefail: a plain {@code | logger} would make every run exit 0 (logger's
   * status), hiding a failed renewal from cron's failure log and from anyone checking the status.
   */
  public String cronFile() {
    return templates.render("cron/maiis-renew.mustache", view());
  }

  /**
   * Writes {@code maiis-renew.service} and {@code maiis-renew.timer} into {@code dir}
   * (/etc/systemd/system).
   */
  public void installSystemd(Path dir) throws IOException {
    AtomicFiles.writeString(dir.resolve("maiis-renew.service"), systemdService());
    AtomicFiles.writeString(dir.resolve("maiis-renew.timer"), systemdTimer());
  }

  /**
   * Writes {@code maiis-renew} into {@code dir} (/etc/cron.d).
   *
   * @throws IOException naming {@code dir} when it does not exist: cron is not installed
   */
  public void installCron(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " does not exist (is cron installed?)");
    }
    AtomicFiles.writeString(dir.resolve("maiis-renew"), cronFile());
  }

  /**
   * The command a unit runs: {@code maiis ssl renew} with absolute paths, so it works from any
   * directory.
   *
   * @param maiis how to start maiis (see {@link #findOnPath})
   * @param config the config file, passed only when given and existing (else renew uses defaults)
   * @param certDir the certificate directory, or null for the config's
   * @param metricsFile where renew writes its metrics, or null
   */
  public static List<String> renewCommand(
      List<String> maiis, Path config, Path certDir, Path metricsFile) {
    List<String> args = new ArrayList<>(maiis);
    args.add("ssl");
    args.add("renew");
    if (config != null && Files.exists(config)) {
      args.add("-c");
      args.add(absolute(config));
    }
    if (certDir != null) {
      args.add("--cert-dir");
      args.add(absolute(certDir));
    }
    if (metricsFile != null) {
      args.add("--metrics-file");
      args.add(absolute(metricsFile));
    }
    return args;
  }

  private static String absolute(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  private String commandLine() {
    return command.stream().map(RenewalSchedule::quote).collect(Collectors.joining(" "));
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * The launcher of the release this maiis runs from ({@code /usr/bin/maiis} for the .deb, {@code
   * HOME/bin/maiis} of an unpacked tarball), so units keep working across upgrades; empty when it
   * runs from a checkout's jar.
   */
  public static java.util.Optional<Path> installedRelease() {
    try {
      Path jar =
          Path.of(
              RenewalSchedule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return java.util.Optional.ofNullable(installedCommand(jar, Path.of("/usr/bin/maiis")));
    } catch (java.net.URISyntaxException | SecurityException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The installed {@code maiis} command a unit should run: the first executable {@code maiis} in
   * {@code pathEnv} (a PATH value), made absolute. Never a JVM path or a jar inside a build tree:
   * those move or vanish with the next upgrade or {@code mvn clean}, and the timer would fail
   * silently.
   */
  public static java.util.Optional<Path> findOnPath(String pathEnv) {
    for (String dir : (pathEnv == null ? "" : pathEnv).split(":")) {
      if (dir.isEmpty()) {
        continue; // an empty entry means the working directory: never for a unit
      }
      Path p = Path.of(dir, "maiis");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return java.util.Optional.of(p.toAbsolutePath().normalize());
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The launcher of the release {@code jar} belongs to ({@code HOME/lib/maiis.jar} beside an
   * executable {@code HOME/bin/maiis}), as {@code systemLink} when that is a link to it (the .deb's
   * /usr/bin/maiis), so units keep working across upgrades; null when {@code jar} is not part of a
   * release (a checkout's maiis-cli/target/maiis.jar).
   */
  static Path installedCommand(Path jar, Path systemLink) {
    Path lib = jar.toAbsolutePath().normalize().getParent();
    if (lib == null || lib.getFileName() == null || !lib.getFileName().toString().equals("lib")) {
      return null;
    }
    Path launcher = lib.resolveSibling("bin").resolve("maiis");
    if (!Files.isRegularFile(launcher) || !Files.isExecutable(launcher)) {
      return null;
    }
    try {
      if (Files.isSymbolicLink(systemLink) && Files.isSameFile(systemLink, launcher)) {
        return systemLink;
      }
    } catch (IOException e) {
      // a dangling or unreadable link: use the launcher itself
    }
    return launcher;
  }
}
