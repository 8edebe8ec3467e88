package org.maiis.cli.serve;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.cli.common.ExitCodes;

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
  void anInvalidConfigIsReportedWithItsExitCode(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("maiis.yaml");
    Files.writeString(yaml, "server:\n  banking:\n    daily_limit: -5\n");
    CliRun r = CliRun.of("serve", "-c", yaml.toString());
    assertEquals(ExitCodes.CONFIG_INVALID, r.exitCode());
    assertTrue(r.err().contains("server.banking.daily_limit"), r.err());
  }
}
