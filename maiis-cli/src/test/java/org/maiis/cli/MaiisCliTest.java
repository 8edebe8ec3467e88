package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.common.ExitCodes;

class MaiisCliTest {
  @TempDir Path dir;

  @Test
  void helpListsTheVerbsAndExitCodes() {
    CliRun r = CliRun.of("--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("config"), r.out());
    assertTrue(r.out().contains("completion"), r.out());
    assertTrue(r.out().contains("3  config file invalid"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void versionNamesTheBuild() {
    CliRun r = CliRun.of("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("maiis 0."), r.out());
  }

  @Test
  void unknownVerbIsAUsageError() {
    CliRun r = CliRun.of("config", "valdiate");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertEquals(
        "maiis config: unmatched argument at index 1: 'valdiate'. See 'maiis config --help'.\n"
            + "Did you mean: maiis config validate?\n",
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void validConfigSaysSo() {
    CliRun r = CliRun.of("config", "validate", "-c", "../examples/production.yaml");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("../examples/production.yaml: valid\n", r.out());
  }

  @Test
  void invalidConfigGetsOneLinePerProblemAndNoStackTrace() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "site:\n  domain: \"a.com;\"\nnginx:\n  listen: {https: 0}\n");
    CliRun r = CliRun.of("config", "validate", "-c", bad.toString());
    assertEquals(ExitCodes.CONFIG_INVALID, r.exitCode());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith(bad + ":2:11: site.domain: "), lines.get(0));
    assertTrue(
        lines.get(1).startsWith(bad + ":4:19: nginx.listen.https: 0 is out of range"),
        lines.get(1));
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "site: [\n");
    CliRun r = CliRun.of("config", "validate", "--verbose", "-c", bad.toString());
    assertEquals(ExitCodes.CONFIG_INVALID, r.exitCode());
    assertTrue(r.err().contains("at org.maiis.config.ConfigLoader"), r.err());
  }

  @Test
  void initWritesAValidCommentedConfigAndNeverOverwrites() throws IOException {
    Path target = dir.resolve("maiis.yaml");
    CliRun first = CliRun.of("config", "init", "--out", target.toString());
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(Files.readString(target).contains("# maiis.yaml"));
    assertEquals(0, CliRun.of("config", "validate", "-c", target.toString()).exitCode());

    Files.writeString(target, "site: {domain: mine.example.com}\n");
    CliRun again = CliRun.of("config", "init", "--out", target.toString());
    assertEquals(ExitCodes.FAILURE, again.exitCode());
    assertTrue(again.err().contains("already exists; use --force"), again.err());
    assertEquals("site: {domain: mine.example.com}\n", Files.readString(target));

    CliRun stdout = CliRun.of("config", "init", "--out", "-");
    assertTrue(stdout.out().startsWith("# maiis.yaml"), stdout.out());
  }
}
