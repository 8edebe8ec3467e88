package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.process.Executables;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.LoopbackPorts;

/** The ./maiis script as a user runs it. */
class MaiisScriptIT {
  private static final Path SCRIPT = Path.of("..", "maiis").toAbsolutePath().normalize();

  @Test
  void theFirstRunMakesAClassDataArchiveThatLaterRunsUseWithTheSameOutput(@TempDir Path cache)
      throws Exception {
    assertEquals(true, Files.exists(MaiisJar.path()), "run after package");
    Map<String, String> env =
        Map.of("PATH", System.getenv("PATH"), "XDG_CACHE_HOME", cache.toString());
    ProcessRunner run = new ProcessRunner(Duration.ofSeconds(60));
    ProcessRunner.Result first =
        run.run(List.of("bash", SCRIPT.toString(), "--version"), cache, env, null);
    // One archive, renamed into place whole (no temporary file left).
    try (var files = Files.list(cache.resolve("maiis"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).matches("maiis-[\\d-]+\\.jsa"), names.toString());
    }
    ProcessRunner.Result second =
        run.run(List.of("bash", SCRIPT.toString(), "--version"), cache, env, null);
    assertEquals(0, first.exitCode(), first.stderr());
    assertEquals(0, second.exitCode(), second.stderr());
    assertEquals("", first.stderr());
    assertEquals("", second.stderr());
    assertEquals(first.stdout(), second.stdout());
    assertTrue(first.stdout().startsWith("maiis "), first.stdout());
  }

  /**
   * A rebuilt jar gets an archive of its own, and making it removes the checkout's old one; the
   * script is found through a symlink, as from a directory on PATH.
   */
  @Test
  void aRebuiltJarGetsANewArchiveInPlaceOfTheOld(@TempDir Path dir) throws Exception {
    Path checkout = dir.resolve("checkout");
    Path jar = checkout.resolve("maiis-cli/target/maiis.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(SCRIPT, checkout.resolve("maiis"));
    Files.copy(MaiisJar.path(), jar);
    Path link = Files.createSymbolicLink(dir.resolve("maiis"), checkout.resolve("maiis"));
    Path cache = dir.resolve("cache");
    Map<String, String> env =
        Map.of("PATH", System.getenv("PATH"), "XDG_CACHE_HOME", cache.toString());
    ProcessRunner run = new ProcessRunner(Duration.ofSeconds(60));
    assertEquals(0, run.run(List.of(link.toString(), "--version"), dir, env, null).exitCode());
    List<String> before = archives(cache);
    assertEquals(1, before.size(), before.toString());

    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    ProcessRunner.Result rebuilt = run.run(List.of(link.toString(), "--version"), dir, env, null);
    assertEquals(0, rebuilt.exitCode(), rebuilt.stderr());
    List<String> after = archives(cache);
    assertEquals(1, after.size(), after.toString());
    assertNotEquals(before, after);
  }

  /**
   * Each command runs from an archive of its own classes, whichever command ran first; a usage
   * error (exit 2) leaves no archive.
   */
  @Test
  void eachCommandHasAnArchiveOfItsOwnAndAUsageErrorLeavesNone(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("cache");
    Map<String, String> env =
        Map.of("PATH", System.getenv("PATH"), "XDG_CACHE_HOME", cache.toString());
    ProcessRunner run = new ProcessRunner(Duration.ofSeconds(60));
    assertEquals(0, run.run(List.of(SCRIPT.toString(), "--version"), dir, env, null).exitCode());
    assertEquals(2, run.run(List.of(SCRIPT.toString(), "sl", "renew"), dir, env, null).exitCode());
    List<String> help = List.of(SCRIPT.toString(), "--verbose", "ssl", "status", "--help");
    assertEquals(0, run.run(help, dir, env, null).exitCode());
    List<String> names = archives(cache);
    assertEquals(2, names.size(), names.toString());
    assertTrue(names.get(0).matches("maiis-[\\d-]+\\.jsa"), names.toString());
    assertTrue(names.get(1).matches("maiis-ssl-status-[\\d-]+\\.jsa"), names.toString());

    Path loaded = dir.resolve("classes.log");
    Map<String, String> logging = new HashMap<>(env);
    logging.put("MAIIS_JAVA_OPTS", "-Xlog:class+load:file=" + loaded);
    assertEquals(0, run.run(help, dir, logging, null).exitCode());
    String classes = Files.readString(loaded);
    Matcher status = Pattern.compile("SslStatusCommand source: (.*)").matcher(classes);
    assertTrue(status.find(), "the command was loaded");
    assertEquals("shared objects file (top)", status.group(1), "from the command's own archive");
    assertEquals(names, archives(cache), "no new archive");
  }

  private static List<String> archives(Path cache) throws Exception {
    try (var files = Files.list(cache.resolve("maiis"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Without Java it says so in one line, not a raw shell error. */
  @Test
  void withoutJavaItSaysWhatToInstall(@TempDir Path bin) throws Exception {
    assertEquals(true, Files.exists(MaiisJar.path()), "run after package");
    Executables tools = new Executables(System::getenv);
    // Only what the script needs besides java; the jar is built, so no Maven either.
    for (String t : List.of("bash", "dirname", "readlink", "find", "flock", "mkdir", "env")) {
      Files.createSymbolicLink(bin.resolve(t), tools.find(t).orElseThrow());
    }
    ProcessRunner.Result r =
        new ProcessRunner(Duration.ofSeconds(30))
            .run(
                List.of(bin.resolve("bash").toString(), SCRIPT.toString(), "--version"),
                bin,
                Map.of("PATH", bin.toString()),
                null);
    assertEquals(1, r.exitCode(), r.stderr());
    assertEquals(
        "maiis: java was not found on PATH. Install Java 17 or later (apt-get install -y"
            + " openjdk-17-jre-headless), or use the release, which carries its own.",
        r.stderr().strip());
  }

  /**
   * serve runs in a 224 MB heap on the serial collector with two malloc arenas trimmed every few
   * seconds (docs/DEPLOYMENT.md: a 512 MB container); an -Xmx and a collector in MAIIS_JAVA_OPTS
   * win, and naming a collector does not stop the JVM with two of them.
   */
  @Test
  void serveGetsABoundedHeapThatMaiisJavaOptsOverrides(@TempDir Path dir) throws Exception {
    assertEquals(true, Files.exists(MaiisJar.path()), "run after package");
    Served served = serve(dir.resolve("defaults"), "", false);
    String defaults = served.metrics();
    assertHeapMaxNear(defaults, 224);
    assertTrue(defaults.contains("gc=\"Copy\""), "the serial collector's young generation");
    assertTrue(
        served.commandLine().contains("-XX:TrimNativeHeapInterval=5000"), served.commandLine());
    assertTrue(served.environment().contains("\0MALLOC_ARENA_MAX=2\0"), "two malloc arenas");
    String chosen = serveMetrics(dir.resolve("chosen"), "-Xmx300m -XX:+UseG1GC");
    assertHeapMaxNear(chosen, 300);
    assertTrue(chosen.contains("gc=\"G1 Young Generation\""), "G1, as MAIIS_JAVA_OPTS says");
  }

  /**
   * serve has its own class-data archive, written when the first serve of a build stops (SIGTERM,
   * as systemd and docker stop it) and used by the next.
   */
  @Test
  void theFirstServeLeavesAnArchiveThatTheNextServeUses(@TempDir Path dir) throws Exception {
    assertEquals(true, Files.exists(MaiisJar.path()), "run after package");
    Served first = serve(dir, "", false);
    assertFalse(first.commandLine().contains("SharedArchiveFile"), first.commandLine());
    try (var files = Files.list(dir.resolve("cache").resolve("maiis"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertEquals(1, names.size(), "one archive, renamed into place whole: " + names);
      assertTrue(names.get(0).matches("maiis-serve-[\\d-]+\\.jsa"), names.toString());
    }
    Served second = serve(dir, "", false);
    assertTrue(
        second.commandLine().matches("(?s).*-XX:SharedArchiveFile=\\S*/maiis-serve-\\S+\\.jsa.*"),
        second.commandLine());
    assertTrue(second.metrics().contains("jvm_memory_max_bytes"), "it serves");
  }

  /** A JVM killed with SIGKILL (which could cut an archive short) leaves no archive behind. */
  @Test
  void aKilledFirstServeLeavesNoArchive(@TempDir Path dir) throws Exception {
    assertEquals(true, Files.exists(MaiisJar.path()), "run after package");
    Served killed = serve(dir, "", true);
    assertEquals(137, killed.exitCode(), "the script exits with the JVM's status");
    try (var files = Files.list(dir.resolve("cache").resolve("maiis"))) {
      assertEquals(List.of(), files.toList(), "no archive, no temporary file");
    }
    Served next = serve(dir, "", false);
    assertFalse(next.commandLine().contains("SharedArchiveFile"), next.commandLine());
    assertEquals(143, next.exitCode(), "stopped by SIGTERM");
  }

  private static void assertHeapMaxNear(String metrics, int mib) {
    Matcher m =
        Pattern.compile("(?m)^jvm_memory_max_bytes\\{area=\"heap\"} (\\S+)$").matcher(metrics);
    assertTrue(m.find(), "no heap max in the scrape");
    double max = Double.parseDouble(m.group(1)) / (1 << 20);
    // The serial collector counts one survivor space out of the maximum.
    assertTrue(max > mib * 0.85 && max <= mib, max + " MiB for -Xmx" + mib + "m");
  }

  private static String serveMetrics(Path dir, String opts) throws Exception {
    return serve(dir, opts, false).metrics();
  }

  /**
   * A serve's first /metrics scrape, the command line and environment (NUL-separated) of its JVM,
   * and the script's exit code.
   */
  private record Served(String metrics, String commandLine, String environment, int exitCode) {}

  /**
   * Starts ./maiis serve with {@code opts} (state and cache under {@code dir}), scrapes /metrics
   * once, then stops it with SIGTERM to the script, or with SIGKILL to its JVM when {@code kill},
   * and waits for the script to exit.
   */
  private static Served serve(Path dir, String opts, boolean kill) throws Exception {
    Files.createDirectories(dir);
    int port = LoopbackPorts.free();
    Path yaml = dir.resolve("maiis.yaml");
    Files.writeString(
        yaml,
        "server:\n  listen: 127.0.0.1:" + port + "\n  data_dir: " + dir.resolve("data") + "\n");
    ProcessBuilder pb =
        new ProcessBuilder("bash", SCRIPT.toString(), "serve", "-c", yaml.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("serve.log").toFile());
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    pb.environment().put("MAIIS_JAVA_OPTS", opts);
    Process serve = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    String metrics = null;
    String commandLine = null;
    String environment = null;
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (metrics == null && System.nanoTime() < deadline && serve.isAlive()) {
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            metrics = r.body();
            commandLine = jvmFile(serve, "cmdline").replace('\0', ' ');
            environment = "\0" + jvmFile(serve, "environ");
          }
        } catch (java.io.IOException notYet) {
          // not listening yet
        }
        Thread.sleep(200);
      }
    } finally {
      if (kill) {
        serve.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      }
      serve.destroy();
      serve.waitFor();
    }
    if (metrics == null) {
      throw new AssertionError(
          "maiis serve did not answer /metrics: " + Files.readString(dir.resolve("serve.log")));
    }
    return new Served(metrics, commandLine, environment, serve.exitValue());
  }

  // A /proc file of the JVM: the script's own process after an exec, else its java child.
  private static String jvmFile(Process script, String name) throws java.io.IOException {
    List<ProcessHandle> all = new java.util.ArrayList<>(List.of(script.toHandle()));
    script.toHandle().descendants().forEach(all::add);
    StringBuilder out = new StringBuilder();
    for (ProcessHandle h : all) {
      Path proc = Path.of("/proc", Long.toString(h.pid()));
      if (Files.exists(proc.resolve("cmdline"))
          && Files.readString(proc.resolve("cmdline")).contains("maiis.jar")) {
        out.append(Files.readString(proc.resolve(name)));
      }
    }
    return out.toString();
  }
}
