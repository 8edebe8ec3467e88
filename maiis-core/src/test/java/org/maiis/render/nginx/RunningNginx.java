package org.maiis.render.nginx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.maiis.config.MaiisConfig;
import org.maiis.render.output.Templates;

/** A real nginx in a private prefix, running a rendered config until closed. */
final class RunningNginx implements AutoCloseable {
  private final Process process;
  private final Path prefix;

  private RunningNginx(Process process, Path prefix) {
    this.process = process;
    this.prefix = prefix;
  }

  /**
   * Renders {@code config} into {@code dir}/run and starts nginx there in the foreground; returns
   * once {@code port} accepts connections.
   */
  static RunningNginx start(Path nginx, MaiisConfig config, Path dir, int port) throws Exception {
    Path run = dir.resolve("run");
    new NginxArtifact(NginxRuntime.privatePrefix(Optional.empty()))
        .render(config, Templates.builtIn())
        .writeTo(run);
    Path prefix = run.resolve("nginx");
    readable(run);
    readable(prefix);
    Path out = dir.resolve("nginx.out");
    Process p =
        new ProcessBuilder(
                nginx.toString(), "-p", prefix + "/", "-c", "nginx.conf", "-g", "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    RunningNginx running = new RunningNginx(p, prefix);
    for (int i = 0; i < 100; i++) {
      if (!p.isAlive()) {
        throw new AssertionError("nginx exited: " + Files.readString(out));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return running;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    running.close();
    throw new AssertionError("nginx did not listen on " + port);
  }

  /** The prefix directory (nginx.conf, logs). */
  Path prefix() {
    return prefix;
  }

  /** nginx started as root runs its workers as nobody: they must be able to read the files. */
  static void readable(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
