package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.process.Executables;
import org.maiis.process.ProcessRunner;

/** The ./maiis script on a machine without Java says so in one line, not a raw shell error. */
class MaiisScriptIT {
  @Test
  void withoutJavaItSaysWhatToInstall(@TempDir Path bin) throws Exception {
    assertEquals(true, Files.exists(MaiisJar.path()), "run after package");
    Executables tools = new Executables(System::getenv);
    // Only what the script needs besides java; the jar is built, so no Maven either.
    for (String t : List.of("bash", "dirname", "readlink", "find", "flock", "mkdir", "env")) {
      Files.createSymbolicLink(bin.resolve(t), tools.find(t).orElseThrow());
    }
    Path script = Path.of("..", "maiis").toAbsolutePath().normalize();
    ProcessRunner.Result r =
        new ProcessRunner(Duration.ofSeconds(30))
            .run(
                List.of(bin.resolve("bash").toString(), script.toString(), "--version"),
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
