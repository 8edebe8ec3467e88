package org.maiis.server.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.maiis.process.ProcessRunner;

/**
 * One installed Debian program the voice area runs on files (espeak-ng, pocketsphinx, lame): each
 * use gets its own scratch directory, removed afterwards, and every way the program can fail is a
 * {@link SpeechFailure} that names it, so the providers only say what is particular to them.
 */
final class LocalTool {
  /** What is done with the program inside one scratch directory. */
  interface Work<T> {
    T in(Path dir) throws IOException, SpeechFailure;
  }

  private final String name;
  private final Optional<Path> program;
  private final String missing;
  private final ProcessRunner runner;

  /**
   * {@code program} (empty when not installed), named {@code name} in failures, each run bounded by
   * {@code timeout}; {@code missing} is the failure when it is not installed.
   */
  LocalTool(String name, Optional<Path> program, String missing, Duration timeout) {
    this.name = name;
    this.program = program;
    this.missing = missing;
    this.runner = new ProcessRunner(timeout);
  }

  boolean available() {
    return program.isPresent();
  }

  /** Why the program cannot be run, when it is not installed. */
  Optional<String> unavailableReason() {
    return program.isPresent() ? Optional.empty() : Optional.of(missing);
  }

  /**
   * Does {@code work} in a new scratch directory named {@code prefix}...; the program not installed
   * or not runnable is a failure.
   */
  <T> T inScratch(String prefix, Work<T> work) throws SpeechFailure {
    if (program.isEmpty()) {
      throw new SpeechFailure(missing);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory(prefix);
      return work.in(dir);
    } catch (IOException e) {
      throw new SpeechFailure(name + " could not be run");
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  /**
   * Runs the program with {@code args}, {@code stdin} on its input (null for none); running past
   * the timeout is a failure saying {@code name + " took longer than its timeout" + timeoutDetail}.
   */
  ProcessRunner.Result run(List<String> args, byte[] stdin, String timeoutDetail)
      throws IOException, SpeechFailure {
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add(program.orElseThrow().toString());
    command.addAll(args);
    ProcessRunner.Result r = runner.run(command, null, Map.of(), stdin);
    if (r.timedOut()) {
      throw new SpeechFailure(name + " took longer than its timeout" + timeoutDetail);
    }
    return r;
  }

  private static void deleteQuietly(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = new ArrayList<>(s.toList());
    } catch (IOException e) {
      files = new ArrayList<>();
    }
    files.add(dir);
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException ignored) {
        // A leftover temp file is harmless; the answer is already decided.
      }
    }
  }
}
