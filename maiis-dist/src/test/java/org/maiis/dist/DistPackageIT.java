package org.maiis.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;

/**
 * The release as an operator gets it: the .deb installed into an empty root with dpkg (no chroot,
 * so CI can run it as root on its own machine), and the tarball unpacked anywhere. Each runs maiis
 * on the Java runtime it ships, and the units and man pages are checked by systemd and man.
 */
class DistPackageIT {
  static final Path TARGET = Path.of(System.getProperty("maiis.deb.dir", "target"));
  static final String VERSION = System.getProperty("maiis.version", "");
  static final ExternalTools TOOLS = ExternalTools.SYSTEM;

  @TempDir Path tmp;

  @Test
  void debInstallsIntoACleanRootRunsAndPurgesItsState() throws Exception {
    Path dpkg = TOOLS.require("dpkg", "dpkg");
    Path deb = single(TARGET, "maiis_", ".deb");
    Path root = tmp.resolve("root");
    for (String d : List.of("info", "updates", "triggers")) {
      Files.createDirectories(root.resolve("var/lib/dpkg").resolve(d));
    }
    Files.writeString(root.resolve("var/lib/dpkg/status"), "");
    // The maintainer scripts run on the host with DPKG_ROOT set (see postinst): no chroot needed.
    String[] dpkgRoot = {
      dpkg.toString(), "--root=" + root, "--force-script-chrootless", "--force-depends"
    };

    Result install = run(tmp, concat(dpkgRoot, "-i", deb.toString()));
    assertEquals(0, install.code, install.all());

    Path bin = root.resolve("usr/bin/maiis");
    assertTrue(Files.isSymbolicLink(bin), "/usr/bin/maiis is a symlink");
    assertEquals(Path.of("../lib/maiis/bin/maiis"), Files.readSymbolicLink(bin));
    Result version = run(tmp, bin.toString(), "--version");
    assertEquals(0, version.code, version.all());
    assertTrue(version.out.startsWith("maiis " + VERSION + "\n"), version.out);

    // The shipped runtime is the trimmed jlink one (no compiler), with the providers jdeps misses.
    Result modules =
        run(tmp, root.resolve("usr/lib/maiis/runtime/bin/java") + "", "--list-modules");
    assertEquals(0, modules.code, modules.all());
    assertTrue(modules.out.contains("jdk.crypto.ec@"), modules.out);
    assertFalse(modules.out.contains("jdk.compiler@"), modules.out);

    // A certificate made and read back with the shipped runtime (EC keys, PEM, X.509).
    Path certs = tmp.resolve("certs");
    Result selfSigned =
        run(
            tmp,
            bin.toString(),
            "ssl",
            "self-signed",
            "--cert-dir",
            certs.toString(),
            "-d",
            "release.example.test",
            "--name",
            "release");
    assertEquals(0, selfSigned.code, selfSigned.all());
    Result status = run(tmp, bin.toString(), "ssl", "status", "--cert-dir", certs.toString());
    assertEquals(0, status.code, status.all());
    assertTrue(status.out.contains("release.example.test"), status.out);

    // Renewal units written by the installed maiis start the installed command, not java -jar.
    Result schedule =
        run(tmp, bin.toString(), "ssl", "schedule", "--systemd", "--cert-dir", certs.toString());
    assertEquals(0, schedule.code, schedule.all());
    assertTrue(
        schedule.out.contains(
            "ExecStart=" + root.resolve("usr/lib/maiis/bin/maiis") + " ssl renew --cert-dir"),
        schedule.out);

    // postinst made the state directories; the default config is a conffile.
    Path data = root.resolve("var/lib/maiis/data");
    assertTrue(Files.isDirectory(data), "postinst creates " + data);
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    assertTrue(Files.isRegularFile(root.resolve("etc/maiis/maiis.yaml")));
    Result conffiles = run(tmp, dpkg.toString(), "--root=" + root, "--status", "maiis");
    assertTrue(conffiles.out.contains("/etc/maiis/maiis.yaml"), conffiles.all());

    // Completions where bash-completion, zsh and fish look for them.
    assertTrue(Files.isRegularFile(root.resolve("usr/share/bash-completion/completions/maiis")));
    String zsh = Files.readString(root.resolve("usr/share/zsh/vendor-completions/_maiis"));
    assertTrue(zsh.startsWith("#compdef maiis\n"), zsh.lines().findFirst().orElse(""));
    assertFalse(zsh.lines().anyMatch(l -> l.startsWith("#!")), "no shebang in the zsh file");
    String fish = Files.readString(root.resolve("usr/share/fish/vendor_completions.d/maiis.fish"));
    assertTrue(fish.contains("-a 'renew'"), "fish knows ssl renew");

    verifyUnits(root.resolve("lib/systemd/system"), root);
    checkManPages(root.resolve("usr/share/man/man1"));

    // remove: the program goes, state and config stay; purge: they go too.
    Result remove = run(tmp, concat(dpkgRoot, "-r", "maiis"));
    assertEquals(0, remove.code, remove.all());
    assertFalse(Files.exists(root.resolve("usr/lib/maiis")), "remove deletes /usr/lib/maiis");
    assertFalse(Files.exists(bin, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isDirectory(data), "remove keeps the data");
    assertTrue(Files.isRegularFile(root.resolve("etc/maiis/maiis.yaml")), "remove keeps config");
    Result purge = run(tmp, concat(dpkgRoot, "-P", "maiis"));
    assertEquals(0, purge.code, purge.all());
    assertFalse(Files.exists(root.resolve("var/lib/maiis")), "purge deletes the data");
    assertFalse(Files.exists(root.resolve("etc/maiis")), "purge deletes the config");
  }

  @Test
  void tarballRunsTheCliAndTheApiFromWhereverItIsUnpacked() throws Exception {
    Path tar = TOOLS.require("tar", "tar");
    Path tgz = single(TARGET, "maiis-", "-linux-x64.tar.gz");
    assertEquals("maiis-" + VERSION + "-linux-x64.tar.gz", tgz.getFileName().toString());
    Path dest = Files.createDirectories(tmp.resolve("opt"));
    Result untar = run(tmp, tar.toString(), "-xzf", tgz.toString(), "-C", dest.toString());
    assertEquals(0, untar.code, untar.all());
    Path home = dest.resolve("maiis-" + VERSION);
    Result version = run(tmp, home.resolve("bin/maiis").toString(), "--version");
    assertEquals(0, version.code, version.all());
    assertTrue(version.out.startsWith("maiis " + VERSION + "\n"), version.out);
    assertTrue(Files.isRegularFile(home.resolve("man/man1/maiis-ssl-renew.1")));
    for (String c : List.of("maiis.bash", "_maiis", "maiis.fish")) {
      assertTrue(Files.isRegularFile(home.resolve("completions").resolve(c)), c);
    }

    // The API on the shipped runtime: database, HTTP server and JSON, not only the CLI.
    int port = LoopbackPorts.free();
    Path log = tmp.resolve("serve.log");
    Process serve =
        new ProcessBuilder(
                home.resolve("bin/maiis").toString(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                tmp.resolve("data").toString())
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
      int status = 0;
      // Ready may answer 503 for a while (its checks warming up): wait on either, bounded.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
      while (status != 200 && serve.isAlive() && System.nanoTime() < deadline) {
        try {
          status =
              http.send(
                      HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                  .statusCode();
        } catch (IOException notYet) {
          // not listening yet
        }
        if (status != 200) {
          Thread.sleep(200);
        }
      }
      assertEquals(200, status, "serve answers /health/ready:\n" + Files.readString(log));
      HttpResponse<String> signup =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/signup"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"email\":\"ada@example.com\",\"password\":\"Corr3ct-Horse!\","
                              + "\"full_name\":\"Ada\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, signup.statusCode(), signup.body());
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
      serve.destroyForcibly();
    }
  }

  /**
   * systemd's own checker on the packaged units, inside the root so that /usr/bin/maiis resolves to
   * the installed launcher. The targets they name (multi-user, timers, network-online) come from
   * this machine's systemd, copied in for the check and removed after it.
   */
  private void verifyUnits(Path units, Path root) throws Exception {
    Path analyze = TOOLS.require("systemd-analyze", "systemd");
    Path host = Path.of("/lib/systemd/system");
    List<Path> copied = new ArrayList<>();
    try (Stream<Path> s = Files.list(host)) {
      for (Path p : s.toList()) {
        Path to = units.resolve(p.getFileName());
        if (!Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(p, to, java.nio.file.LinkOption.NOFOLLOW_LINKS);
          copied.add(to);
        }
      }
    }
    try {
      List<String> cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--root=" + root));
      cmd.add("--man=no");
      for (String unit : List.of("maiis.service", "maiis-renew.service", "maiis-renew.timer")) {
        assertTrue(Files.isRegularFile(units.resolve(unit)), unit);
        cmd.add(units.resolve(unit).toString());
      }
      Result verify = run(tmp, cmd.toArray(String[]::new));
      assertEquals(0, verify.code, verify.all());
      assertEquals("", verify.err.strip(), "systemd-analyze verify reports nothing");
    } finally {
      for (Path p : copied) {
        Files.delete(p);
      }
    }
  }

  /** Every page formats with man, with no warning from groff. */
  private void checkManPages(Path man1) throws Exception {
    Path man = TOOLS.require("man", "man-db");
    List<Path> pages;
    try (Stream<Path> s = Files.list(man1)) {
      pages = s.sorted().toList();
    }
    assertTrue(pages.size() > 20, "one page per command: " + pages);
    assertTrue(pages.contains(man1.resolve("maiis.1")), pages.toString());
    for (Path page : pages) {
      Result r = run(tmp, man.toString(), "--warnings", "-P", "cat", "-l", page.toString());
      assertEquals(0, r.code, page + ": " + r.all());
      assertEquals("", r.err.strip(), page + " formats without warnings");
      assertTrue(r.out.contains("NAME") && r.out.contains("SYNOPSIS"), page + ":\n" + r.out);
      if (page.endsWith("maiis.1")) {
        assertTrue(r.out.contains("Exit codes:"), "maiis(1) lists the exit codes:\n" + r.out);
      }
    }
  }

  private static Path single(Path dir, String prefix, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> found =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix) && n.endsWith(suffix);
                  })
              .toList();
      assertEquals(1, found.size(), "one " + prefix + "*" + suffix + " in " + dir + ": " + found);
      return found.get(0);
    }
  }

  private static String[] concat(String[] head, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  record Result(int code, String out, String err) {
    String all() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private static Result run(Path dir, String... cmd) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("MANWIDTH", "80");
    pb.environment().remove("MAIIS_CONFIG");
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not finish in 120 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
