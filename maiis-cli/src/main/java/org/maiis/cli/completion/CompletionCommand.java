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

  /**
   * zsh runs the bash script through bashcompinit (picocli's script sets that up itself), so the
   * zsh file only finds and sources it rather than carrying a second copy. Sourced from ~/.zshrc,
   * {@code %x} is this file; autoloaded from $fpath, the file the function came from.
   */
  static final String ZSH =
      """
      #compdef maiis
      # zsh completion for maiis: the bash completion, loaded through zsh's bashcompinit.
      # Sourced from ~/.zshrc or autoloaded from $fpath, it sources the bash script beside this
      # file (completions/ of the repository or the tarball), else where the .deb installs it,
      # else the one maiis prints.
      () {
        local f
        for f in ${${(%):-%x}:A:h}/maiis.bash /usr/share/bash-completion/completions/maiis; do
          if [[ -r $f ]]; then
            source $f
            return
          fi
        done
        source <(maiis completion bash)
      }
      # Autoloaded as the completion function, this runs on the first TAB: complete that one too.
      if (( ${+compstate} )) && [[ $_comps[maiis] != _maiis ]]; then
        ${=_comps[maiis]}
      fi
      """;

  /** The completion script for {@code shell}, as kept in completions/. */
  public static String script(CommandLine root, Shell shell) {
    return shell == Shell.bash ? AutoComplete.bash("maiis", root) : ZSH;
  }
}
