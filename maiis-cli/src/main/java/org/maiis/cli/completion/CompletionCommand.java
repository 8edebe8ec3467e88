package org.maiis.cli.completion;

import java.util.concurrent.Callable;
import org.maiis.cli.common.ExitCodes;
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
public final class CompletionCommand implements Callable<Integer> {
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

  /** The completion script for {@code shell}, as kept in completions/. */
  public static String script(CommandLine root, Shell shell) {
    String bash = AutoComplete.bash("maiis", root);
    if (shell == Shell.bash) {
      return bash;
    }
    // picocli's script loads bashcompinit itself when run under zsh.
    return "#compdef maiis\n# zsh completion for maiis: source this file from ~/.zshrc\n" + bash;
  }
}
