import { COMMANDS, SERVER_COMMANDS, type CommandSpec } from './command-specs';

const names = (): string => [...COMMANDS.map((c) => c.name), ...SERVER_COMMANDS.map((c) => c.name)].join(' ');
const optionsOf = (c: CommandSpec): string => [...Object.keys(c.options).map((n) => `--${n}`), '--help', '--verbose'].join(' ');

/** `kaohe completion bash`: commands, each command's options, option choices and file names. */
export function bashCompletion(): string {
  const cases = COMMANDS.map((c) => `    ${c.name}) opts="${optionsOf(c)}" ;;`).join('\n');
  const choices = COMMANDS.flatMap((c) => Object.entries(c.options).filter(([, o]) => o.choices).map(([n, o]) => `    ${c.name}:--${n}) COMPREPLY=( $(compgen -W "${o.choices!.join(' ')}" -- "$cur") ); return ;;`)).join('\n');
  return `# kaohe 的 bash 补全：在 ~/.bashrc 中加入  eval "$(kaohe completion bash)"
_kaohe() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${names()} --help --version" -- "$cur") ); return
  fi
  case "$cmd:$prev" in
${choices}
    help:*) COMPREPLY=( $(compgen -W "${names()}" -- "$cur") ); return ;;
    completion:*) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ); return ;;
  esac
  case "$cmd" in
${cases}
    *) opts="--help" ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
}
complete -o filenames -o bashdefault -F _kaohe kaohe
`;
}

/** `kaohe completion zsh`: the same through zsh's bash-completion emulation (bashcompinit). */
export function zshCompletion(): string {
  return `# kaohe 的 zsh 补全：在 ~/.zshrc 中加入  eval "$(kaohe completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashCompletion().split('\n').slice(1).join('\n')}`;
}
