/** The command tree of `lambda-cloud`: global options, then one group per resource, as the client names them. */
import { Command } from "commander";
import packageJson from "../package.json" with { type: "json" };
import type { Register } from "./command.ts";
import { registerAudit } from "./commands/audit.ts";
import { registerCatalog } from "./commands/catalog.ts";
import { registerCompletion } from "./commands/completion.ts";
import { registerFilesystems } from "./commands/filesystems.ts";
import { registerFind } from "./commands/find.ts";
import { registerFirewall } from "./commands/firewall.ts";
import { registerInstances } from "./commands/instances.ts";
import { registerLaunch } from "./commands/launch.ts";
import { registerSsh } from "./commands/ssh.ts";
import { registerSshKeys } from "./commands/ssh-keys.ts";
import { registerTickets } from "./commands/tickets.ts";
import type { CliIo } from "./io.ts";

/** The CLI's version (the `lambda-cloud-cli` package's). */
export const CLI_VERSION: string = packageJson.version;

const FOOTER = `
Examples:
  $ lambda-cloud types --available --gpu a10
  $ lambda-cloud launch --type gpu_1x_a10 --region us-west-1 --wait
  $ lambda-cloud find --gpu h100 --max-price 3 --wait

Exit codes: 0 ok, 1 API error, 2 usage, 3 not found, 4 no capacity, 130 interrupted.`;

/** A subcommand in help lists: its name and arguments, without commander's "[options]". */
function subcommandTerm(command: Command): string {
  const args = command.registeredArguments.map((arg) => {
    const name = `${arg.name()}${arg.variadic ? "..." : ""}`;
    return arg.required ? `<${name}>` : `[${name}]`;
  });
  return [command.name(), ...args].join(" ");
}

const GROUPS: readonly Register[] = [
  registerInstances,
  registerLaunch,
  registerFind,
  registerCatalog,
  registerSshKeys,
  registerFilesystems,
  registerFirewall,
  registerAudit,
  registerTickets,
  registerSsh,
  registerCompletion,
];

/** Builds the program; errors and help go through `io`, and commander never exits the process. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("lambda-cloud")
    .description(
      "The Lambda Cloud GPU API: every operation, live progress, JSON output.\nThe key is read from LAMBDA_API_KEY, or the file named by LAMBDA_API_KEY_FILE.",
    )
    .version(CLI_VERSION, "-V, --version")
    .option("--json", "results as JSON; progress and errors as JSON lines on stderr")
    .option("--base-url <url>", "API base URL, e.g. a simulator's (default: $LAMBDA_CLOUD_BASE_URL)")
    .helpCommand(false)
    .exitOverride()
    .showSuggestionAfterError()
    .configureHelp({ subcommandTerm })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are printed by runCli, as text or JSON.
      outputError: () => {},
      getOutHelpWidth: () => Math.min(io.stdout.columns ?? 100, 100),
      getErrHelpWidth: () => Math.min(io.stderr.columns ?? 100, 100),
    })
    .addHelpText("after", FOOTER);
  for (const register of GROUPS) register(program, io);
  return program;
}
