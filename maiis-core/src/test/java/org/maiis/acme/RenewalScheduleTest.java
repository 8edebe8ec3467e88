package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalScheduleTest {
  static final List<String> MAIIS = List.of("/usr/local/bin/maiis");

  @TempDir Path tmp;

  @Test
  void theRenewCommandHasAbsolutePathsAndOnlyAnExistingConfig() throws IOException {
    Path config = Files.writeString(tmp.resolve("maiis.yaml"), "{}\n");
    assertEquals(
        List.of(
            "/usr/local/bin/maiis",
            "ssl",
            "renew",
            "-c",
            config.toString(),
            "--cert-dir",
            Path.of("rel/certs").toAbsolutePath().normalize().toString(),
            "--metrics-file",
            "/var/lib/node/maiis.prom"),
        RenewalSchedule.renewCommand(
            MAIIS, config, Path.of("rel/./certs"), Path.of("/var/lib/node/maiis.prom")));
    assertEquals(
        List.of("/usr/local/bin/maiis", "ssl", "renew"),
        RenewalSchedule.renewCommand(MAIIS, tmp.resolve("missing.yaml"), null, null));
    assertEquals(
        List.of("/usr/local/bin/maiis", "ssl", "renew"),
        RenewalSchedule.renewCommand(MAIIS, null, null, null));
  }

  @Test
  void installWritesWhatWouldBePrinted() throws IOException {
    RenewalSchedule s =
        new RenewalSchedule(RenewalSchedule.renewCommand(MAIIS, null, null, null), "host-a");
    s.installSystemd(tmp);
    assertEquals(s.systemdService(), Files.readString(tmp.resolve("maiis-renew.service")));
    assertEquals(s.systemdTimer(), Files.readString(tmp.resolve("maiis-renew.timer")));
    Path cron = Files.createDirectory(tmp.resolve("cron.d"));
    s.installCron(cron);
    assertEquals(s.cronFile(), Files.readString(cron.resolve("maiis-renew")));
  }

  @Test
  void withoutACronDirectoryNothingIsWritten() {
    Path missing = tmp.resolve("cron.d");
    RenewalSchedule s = new RenewalSchedule(MAIIS, "host-a");
    IOException e = assertThrows(IOException.class, () -> s.installCron(missing));
    assertEquals(missing + " does not exist (is cron installed?)", e.getMessage());
    assertFalse(Files.exists(missing));
  }

  @Test
  void aReleaseIsScheduledThroughItsInstalledCommand() throws IOException {
    Path home = tmp.resolve("usr/lib/maiis");
    Path jar = Files.createDirectories(home.resolve("lib")).resolve("maiis.jar");
    Files.writeString(jar, "");
    Path usrBin = Files.createDirectories(tmp.resolve("usr/bin")).resolve("maiis");
    // Not a release yet: no launcher beside the jar.
    assertEquals(null, RenewalSchedule.installedCommand(jar, usrBin));
    Path launcher = Files.createDirectories(home.resolve("bin")).resolve("maiis");
    Files.writeString(launcher, "#!/bin/sh\n");
    launcher.toFile().setExecutable(true);
    // An unpacked tarball: its own launcher.
    assertEquals(launcher, RenewalSchedule.installedCommand(jar, usrBin));
    // The .deb: /usr/bin/maiis links to the launcher, and units name the link.
    Files.createSymbolicLink(usrBin, Path.of("../lib/maiis/bin/maiis"));
    assertEquals(usrBin, RenewalSchedule.installedCommand(jar, usrBin));
    // A checkout's shaded jar is not a release.
    Path target = Files.createDirectories(tmp.resolve("maiis-cli/target")).resolve("maiis.jar");
    Files.writeString(target, "");
    assertEquals(null, RenewalSchedule.installedCommand(target, usrBin));
  }

  @Test
  void theCronJobKeepsTheExitCodeOfRenewThroughLogger() throws Exception {
    org.maiis.testing.ExternalTools.SYSTEM.require("logger", "bsdutils");
    org.maiis.testing.ExternalTools.SYSTEM.require("bash", "bash");
    // A stand-in for maiis that fails the way a failed renewal does.
    Path fake = tmp.resolve("maiis");
    Files.writeString(fake, "#!/bin/sh\necho 'maiis ssl: x: failed: boom' >&2\nexit 5\n");
    fake.toFile().setExecutable(true);
    String file =
        new RenewalSchedule(
                RenewalSchedule.renewCommand(List.of(fake.toString()), null, null, null), "h")
            .cronFile();
    String shell =
        file.lines()
            .filter(l -> l.startsWith("SHELL="))
            .findFirst()
            .orElseThrow()
            .substring("SHELL=".length());
    String job =
        file.lines()
            .filter(l -> l.matches("\\d.*"))
            .findFirst()
            .orElseThrow()
            .split(" root ", 2)[1];
    Process p = new ProcessBuilder(shell, "-c", job).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertEquals(5, p.waitFor(), file);
  }

  @Test
  void theUnitsMatchTheGoldenFiles() throws IOException {
    RenewalSchedule s =
        new RenewalSchedule(
            List.of("/usr/local/bin/maiis", "ssl", "renew", "--cert-dir", "/etc/maiis/my certs"),
            "host-a");
    assertEquals(golden("maiis-renew.service"), s.systemdService());
    assertEquals(golden("maiis-renew.timer"), s.systemdTimer());
    assertEquals(golden("maiis-renew.cron"), s.cronFile());
  }

  private static String golden(String name) throws IOException {
    try (var in = RenewalScheduleTest.class.getResourceAsStream("/acme/schedule/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void theCommandIsTheInstalledMaiisOnPathNeverAJar() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    assertEquals(java.util.Optional.empty(), RenewalSchedule.findOnPath(empty + "::"));
    Path maiis = Files.writeString(bin.resolve("maiis"), "#!/bin/sh\n");
    assertEquals(java.util.Optional.empty(), RenewalSchedule.findOnPath(bin.toString()));
    maiis.toFile().setExecutable(true);
    assertEquals(
        java.util.Optional.of(maiis), RenewalSchedule.findOnPath(empty + ":" + bin + ":/usr/bin"));
  }
}
