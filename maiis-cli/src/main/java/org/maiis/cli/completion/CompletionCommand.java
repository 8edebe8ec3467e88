package org.maiis.cli.completion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.maiis.cli.common.ExitCodes;
import org.maiis.cli.common.NeedsWholeTree;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maiis completion bash|zsh}: shell completion generated from the command model. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script.",
      "  bash: source <(maiis completion bash)",
      "        or save it as /etc/bash_completion.d/maiis",
      "  zsh:  source <(maiis completion zsh)    in ~/.zshrc"
    },
    footer = {
      "",
      "Examples:",
      "  maiis completion bash > /etc/bash_completion.d/maiis",
      "  maiis completion zsh > ~/.zsh/completions/_maiis"
    })
public final class CompletionCommand implements Callable<Integer>, NeedsWholeTree {
  /** Shells with a completion script. */
  public enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  Shell shell;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(script(spec.root().commandLine(), shell));
    return ExitCodes.OK;
  }

  /**
   * zsh runs the bash script through bashcompinit (picocli's script sets that up itself), so the
   * zsh file only finds and sources it rather than carrying a second copy. It is kept as
   * completions/maiis.zsh and packaged beside this class from there.
   */
  static String zsh() {
    try (InputStream in = CompletionCommand.class.getResourceAsStream("maiis.zsh")) {
      if (in == null) {
        throw new IllegalStateException("completions/maiis.zsh is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The completion script for {@code shell}, as kept in completions/. */
  public static String script(CommandLine root, Shell shell) {
    return shell == Shell.bash ? AutoComplete.bash("maiis", root) : zsh();
  }
}
