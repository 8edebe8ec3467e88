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
