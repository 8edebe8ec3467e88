package org.maiis.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program (nginx, promtool, openssl, tesseract, a hook) with a timeout, capturing
 * its output. The one place maiis starts processes, so timeouts and output capture are done once.
 */
public final class ProcessRunner {

  /**
   * What a finished process left.
   *
   * @param exitCode the exit status (-1 when killed on timeout)
   * @param stdout standard output as UTF-8
   * @param stderr standard error as UTF-8
   * @param timedOut whether it was killed for running too long
   */
  public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
    /** Whether it exited 0 in time. */
    public boolean ok() {
      return exitCode == 0 && !timedOut;
    }
  }

  private final Duration timeout;

  /** A runner that kills processes running longer than {@code timeout}. */
  public ProcessRunner(Duration timeout) {
    this.timeout = timeout;
  }

  /** Runs {@code command} in the current directory with the inherited environment. */
  public Result run(List<String> command) throws IOException {
    return run(command, null, Map.of(), null);
  }

  /**
   * Runs {@code command}.
   *
   * @param dir working directory, or null for the current one
   * @param extraEnv variables added to the inherited environment
   * @param stdin bytes fed to standard input, or null for none
   */
  public Result run(List<String> command, Path dir, Map<String, String> extraEnv, byte[] stdin)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException e) {
      // The program may exit without reading its input; its exit code says what happened.
    }
    boolean finished;
    try {
      finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return new Result(
        finished ? p.exitValue() : -1,
        new String(out.join(), StandardCharsets.UTF_8),
        new String(err.join(), StandardCharsets.UTF_8),
        !finished);
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
