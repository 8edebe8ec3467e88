package org.maiis.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;

/** Inputs {@code maiis metrics validate} cannot use get one line that says why. */
class MetricsValidateCommandTest {
  @TempDir Path dir;

  @Test
  void aMissingOrUnusableFileIsOneLineSayingWhy() throws Exception {
    assertOneLineSayingWhy(dir.resolve("nope.prom"), "no such file");

    Path binary = dir.resolve("bin.prom");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
    assertOneLineSayingWhy(binary, "not UTF-8 text");
  }

  private static void assertOneLineSayingWhy(Path file, String why) {
    CliRun run = CliRun.of("metrics", "validate", "--file", file.toString());
    assertEquals(1, run.exitCode());
    assertEquals(
        "maiis metrics validate: "
            + file
            + ": "
            + why
            + ". Run it again with --verbose for details.\n",
        run.err());
  }
}
