package org.maiis.cli.serve;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.cli.MaiisYaml;
import org.maiis.cli.common.ExitCodes;
import org.maiis.testing.LoopbackPorts;

/** {@code maiis serve} argument handling through the real entry point. */
class ServeCommandTest {

  @Test
  void helpNamesTheOptionsAndDefaults() {
    CliRun r = CliRun.of("serve", "--help");
    assertEquals(ExitCodes.OK, r.exitCode());
    assertTrue(r.out().contains("--port"), r.out());
    assertTrue(r.out().contains("--data-dir"), r.out());
    assertTrue(r.out().contains("127.0.0.1:8000"), r.out());
  }

  @Test
  void anOutOfRangePortIsAUsageError() {
    CliRun r = CliRun.of("serve", "--port", "70000");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertEquals(
        "maiis serve: --port must be between 0 and 65535. See 'maiis serve --help'.\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void aBusyPortIsReportedBeforeAnyStateIsCreated(@TempDir Path dir) throws Exception {
    int port = LoopbackPorts.free();
    try (ServerSocket other = new ServerSocket()) {
      other.bind(new InetSocketAddress("127.0.0.1", port));
      Path fresh = dir.resolve("fresh");
      CliRun r = CliRun.of("serve", "--port", "" + port, "--data-dir", fresh.toString());
      assertEquals(ExitCodes.FAILURE, r.exitCode());
      assertEquals(
          "maiis serve: port "
              + port
              + " on 127.0.0.1 is in use. Stop the other process or set server.listen (or"
              + " --port).\n",
          r.err());
      assertEquals("", r.out());
      assertFalse(Files.exists(fresh), "a data dir left behind");

      // An existing state dir is kept, and its database is not even opened.
      Path existing = Files.createDirectories(dir.resolve("existing"));
      CliRun again = CliRun.of("serve", "--port", "" + port, "--data-dir", existing.toString());
      assertEquals(ExitCodes.FAILURE, again.exitCode());
      assertTrue(Files.isDirectory(existing));
      try (Stream<Path> inside = Files.list(existing)) {
        assertEquals(0, inside.count(), "the database was opened before the port check");
      }
    }
  }

  @Test
  void anInvalidConfigIsReportedWithItsExitCode(@TempDir Path dir) throws Exception {
    Path yaml = MaiisYaml.write(dir, "server:\n  banking:\n    daily_limit: -5\n");
    CliRun r = CliRun.of("serve", "-c", yaml.toString());
    assertEquals(ExitCodes.CONFIG_INVALID, r.exitCode());
    assertTrue(r.err().contains("server.banking.daily_limit"), r.err());
  }
}
