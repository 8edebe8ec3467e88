package org.maiis.cli.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.maiis.cli.CliRun;
import org.maiis.cli.Maiis;
import org.maiis.testing.ExternalTools;

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
        // Through a temporary file: a redirect would empty the file before ./maiis reads it,
        // and completions/maiis.zsh is built into the jar.
        file
            + " is stale: run ./maiis completion "
            + shell
            + " > /tmp/maiis-completion && mv /tmp/maiis-completion completions/"
            + file.getFileName());
  }

  /**
   * The zsh file is a wrapper, not a second copy of the bash script: sourced, or autoloaded from
   * $fpath as the .deb and the tarball install it, real zsh ends up with the bash completion.
   */
  @Test
  void zshLoadsTheBashScriptSourcedOrAutoloaded(@TempDir Path tmp) throws Exception {
    Path zsh = ExternalTools.SYSTEM.require("zsh", "zsh");
    Path kept = kept(CompletionCommand.Shell.zsh).toAbsolutePath().normalize();
    assertTrue(Files.readAllLines(kept).size() < 30, "a wrapper, not a copy of the bash script");
    assertEquals(
        "_bash_complete -F _complete_maiis -o default",
        zsh(zsh, tmp, "source " + kept + "; print -r -- $_comps[maiis]"));

    Path fpath = Files.createDirectories(tmp.resolve("site-functions"));
    Files.copy(kept, fpath.resolve("_maiis"));
    Files.copy(kept(CompletionCommand.Shell.bash), fpath.resolve("maiis.bash"));
    assertEquals(
        "_maiis then _bash_complete -F _complete_maiis -o default",
        zsh(
            zsh,
            tmp,
            "fpath=("
                + fpath
                + " $fpath); autoload -U compinit && compinit -u -D; a=$_comps[maiis];"
                + " _maiis >/dev/null 2>&1; print -r -- \"$a then $_comps[maiis]\""));
  }

  private static String zsh(Path zsh, Path home, String script) throws Exception {
    Process p =
        new ProcessBuilder(zsh.toString(), "-f", "-c", script)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "zsh finished");
    return out;
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
