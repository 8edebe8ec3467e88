package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.process.Executables;
import org.maiis.process.ProcessRunner;

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
      assertTrue(names.get(0).matches("maiis-\\d+-\\d+\\.jsa"), names.toString());
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
}
