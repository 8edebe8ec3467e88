package org.maiis.server.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.server.MaiisServer;

/** A real server on a random loopback port, configured through a real maiis.yaml. */
final class Harness implements AutoCloseable {
  final MaiisServer server;
  final Api api;
  final Path dataDir;

  private Harness(MaiisServer server, Path dataDir) {
    this.server = server;
    this.api = new Api(server.port());
    this.dataDir = dataDir;
  }

  /**
   * Starts a server.
   *
   * @param extraYaml more lines under {@code server:} (limits, throttling, metrics)
   */
  static Harness start(Path dir, Backend backend, String extraYaml) throws IOException {
    Path dataDir = dir.resolve("data");
    Path yaml = dir.resolve("maiis.yaml");
    Files.writeString(
        yaml,
        "server:\n  listen: 127.0.0.1:0\n  data_dir: "
            + dataDir
            + "\n"
            + backend.serverYaml()
            + extraYaml);
    MaiisConfig config = new ConfigLoader(backend.env()).load(yaml);
    return new Harness(MaiisServer.start(config, backend.env()), dataDir);
  }

  @Override
  public void close() {
    server.close();
  }
}
