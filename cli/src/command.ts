/** Defining a command once: its arguments, options, help example and action, run with a {@link Context}. */
import { type Command, Option } from "commander";
import { type OperationId, operations } from "lambda-cloud";
import { Context } from "./context.ts";
import type { CliIo } from "./io.ts";

/** What a command file exports: adds its commands to `parent`. */
export type Register = (parent: Command, io: CliIo) => void;

/** A command's definition. */
export interface CommandSpec<Options> {
  /** Name and arguments in commander's syntax, e.g. `"get <instance>"`. */
  readonly name: string;
  /** One line for the help. */
  readonly description: string;
  /** Example command lines (without `lambda-cloud`), shown at the end of `--help`. */
  readonly examples: readonly string[];
  /** Adds the command's options. */
  readonly options?: (command: Command) => void;
  /** Runs the command with its arguments (in order) and options. */
  readonly run: (context: Context, args: string[], options: Options) => Promise<void>;
}

function addExamples(command: Command, examples: readonly string[]): void {
  const lines = examples.map((line) => `  $ lambda-cloud ${line}`).join("\n");
  command.addHelpText("after", `\nExample${examples.length > 1 ? "s" : ""}:\n${lines}`);
}

/** Adds a group of subcommands (`instances`, `ssh-keys`, …) with examples in its help. */
export function defineGroup(parent: Command, name: string, description: string, examples: readonly string[]): Command {
  const group = parent.command(name).description(description);
  addExamples(group, examples);
  return group;
}

/** Adds a command to `parent`, with its example in the help and an action that gets a {@link Context}. */
export function defineCommand<Options>(parent: Command, io: CliIo, spec: CommandSpec<Options>): Command {
  const command = parent.command(spec.name).description(spec.description);
  spec.options?.(command);
  addExamples(command, spec.examples);
  command.action(async (...received: unknown[]) => {
    const self = received.at(-1) as Command;
    const args = received.slice(0, self.registeredArguments.length).flat() as string[];
    await spec.run(
      new Context(io, self.optsWithGlobals()),
      args.filter((arg) => arg !== undefined),
      self.opts() as Options,
    );
  });
  return command;
}

/** Adds `-y, --yes` to a command that calls a destructive operation. */
export function withYes(command: Command): Command {
  return command.addOption(new Option("-y, --yes", "do not ask for confirmation (required when not on a terminal)"));
}

/**
 * Asks before `operation` when the operations table marks it destructive (terminate, delete,
 * replace every firewall rule), so the list of what needs confirmation is the table's, not a second one.
 */
export async function confirmIfDestructive(
  context: Context,
  operation: OperationId,
  question: string,
  yes: boolean | undefined,
): Promise<void> {
  if (operations[operation].access === "destructive") await context.confirm(question, yes);
}

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
