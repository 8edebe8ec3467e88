package org.maiis.cli.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.maiis.cli.CliRun;
import org.maiis.cli.Maiis;

/** The scripts kept in completions/ are the ones the current command tree generates. */
class CompletionScriptsTest {

  static Path kept(CompletionCommand.Shell shell) {
    return Path.of(
        "../completions", shell == CompletionCommand.Shell.bash ? "maiis.bash" : "maiis.zsh");
  }

  @ParameterizedTest
  @EnumSource(CompletionCommand.Shell.class)
  void keptScriptsAreCurrent(CompletionCommand.Shell shell) throws IOException {
    String generated =
        CompletionCommand.script(
            Maiis.commandLine(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
            shell);
    Path file = kept(shell);
    String onDisk = Files.exists(file) ? Files.readString(file) : "";
    assertEquals(
        generated,
        onDisk,
        file
            + " is stale: run ./maiis completion "
            + shell
            + " > completions/"
            + file.getFileName());
  }

  @Test
  void commandPrintsTheScript() {
    CliRun r = CliRun.of("completion", "bash");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("complete -F"), r.out());
    assertTrue(r.out().contains("validate"), "knows the subcommands");
    CliRun zsh = CliRun.of("completion", "zsh");
    assertTrue(zsh.out().startsWith("#compdef maiis"), zsh.out());
  }
}
