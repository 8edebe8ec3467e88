package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar ({@code target/maiis.jar}), run as a user runs it: a separate JVM, so stderr is a
 * pipe (progress as plain lines) and process-wide state (an embedded database lock, the
 * environment) is the real one. {@link CliRun} is the in-process twin.
 */
public final class MaiisJar {
  private MaiisJar() {}

  /** Exit code, stdout and stderr of one run. */
  public record Run(int code, String out, String err) {}

  /** The jar built by {@code package}. */
  public static Path path() {
    Path jar = Path.of("target/maiis.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "run after package: " + jar);
    return jar;
  }

  /** The command line that runs {@code maiis args} from the jar, with this JVM's java. */
  public static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(path().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs {@code maiis args} in {@code dir} and waits for it (bounded). */
  public static Run run(Path dir, String... args) throws Exception {
    return run(dir, Map.of(), args);
  }

  /**
   * Runs {@code maiis args} in {@code dir} with {@code env} added to this process's environment.
   */
  public static Run run(Path dir, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = command(args);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("maiis " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
