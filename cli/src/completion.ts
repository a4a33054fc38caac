/**
 * Shell completion for bash, zsh and fish, generated from the command tree itself: one table of
 * "command path → its subcommands and flags", rendered into each shell's syntax.
 */
import type { Command } from "commander";

/** The shells `lambda-cloud completion` writes a script for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
/** One of {@link SHELLS}. */
export type Shell = (typeof SHELLS)[number];

/** A command's path (`""` for the top, `"/instances/launch"` below) and the words that may follow it. */
export interface CompletionEntry {
  readonly path: string;
  readonly words: readonly string[];
}

function flagsOf(command: Command): string[] {
  return command.options.flatMap((option) => option.flags.split(/[ ,|]+/).filter((flag) => flag.startsWith("-")));
}

/** Every command path with its subcommands and flags (the top level's flags apply everywhere). */
export function completionEntries(program: Command): CompletionEntry[] {
  const globalFlags = [...flagsOf(program), "--help"];
  const entries: CompletionEntry[] = [];
  const walk = (command: Command, path: string) => {
    const subcommands = command.commands.map((sub) => sub.name());
    const own = command === program ? [] : flagsOf(command);
    entries.push({ path, words: [...new Set([...subcommands, ...own, ...globalFlags])] });
    for (const sub of command.commands) walk(sub, `${path}/${sub.name()}`);
  };
  walk(program, "");
  return entries;
}

function bash(name: string, fn: string, entries: readonly CompletionEntry[]): string {
  const paths = entries
    .filter((entry) => entry.path !== "")
    .map((entry) => entry.path)
    .join("|");
  const cases = entries.map((entry) => `    "${entry.path}") words="${entry.words.join(" ")}" ;;`).join("\n");
  return `# bash completion for ${name}: source <(${name} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmdpath="" words="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "$cmdpath/\${COMP_WORDS[i]}" in
      ${paths}) cmdpath="$cmdpath/\${COMP_WORDS[i]}" ;;
    esac
  done
  case "$cmdpath" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F ${fn} ${name}
`;
}

function zsh(name: string, fn: string, entries: readonly CompletionEntry[]): string {
  const paths = entries
    .filter((entry) => entry.path !== "")
    .map((entry) => entry.path)
    .join("|");
  const cases = entries.map((entry) => `    ("${entry.path}") candidates=(${entry.words.join(" ")}) ;;`).join("\n");
  return `#compdef ${name}
# zsh completion for ${name}: source <(${name} completion zsh)
${fn}() {
  local cmdpath="" i
  local -a candidates
  for ((i = 2; i < CURRENT; i++)); do
    case "$cmdpath/\${words[i]}" in
      (${paths}) cmdpath="$cmdpath/\${words[i]}" ;;
    esac
  done
  case "$cmdpath" in
${cases}
  esac
  compadd -- $candidates
}
compdef ${fn} ${name}
`;
}

function fish(name: string, fn: string, entries: readonly CompletionEntry[]): string {
  const paths = entries
    .filter((entry) => entry.path !== "")
    .map((entry) => `'${entry.path}'`)
    .join(" ");
  const cases = entries
    .map((entry) => `        case '${entry.path}'\n            printf '%s\\n' ${entry.words.join(" ")}`)
    .join("\n");
  return `# fish completion for ${name}: ${name} completion fish | source
function ${fn}
    set -l cmdpath ''
    for word in (commandline -opc)[2..-1]
        if contains -- "$cmdpath/$word" ${paths}
            set cmdpath "$cmdpath/$word"
        end
    end
    switch "$cmdpath"
${cases}
    end
end
complete -c ${name} -f -a '(${fn})'
`;
}

/** The completion script of `program` for `shell`. */
export function completionScript(program: Command, shell: Shell): string {
  const name = program.name();
  const fn = `_${name.replaceAll("-", "_")}`;
  const entries = completionEntries(program);
  return { bash, zsh, fish }[shell](name, fn, entries);
}
