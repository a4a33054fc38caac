/** One run of the CLI: parse, run the command, and turn any failure into an exit code and a report on stderr. */
import { CommanderError } from "commander";
import { LaunchWhenAvailableError } from "lambda-cloud";
import { refuseKeyFlags } from "./credentials.ts";
import { type ErrorReport, reportOf } from "./error-report.ts";
import { CliError, ExitCode, SshExitError, UsageError } from "./errors.ts";
import type { CliIo } from "./io.ts";
import { paintFor } from "./paint.ts";
import { buildProgram } from "./program.ts";

/** The error for the user: the command-line parser's, Ctrl+C's, or the command's own. */
function normalize(error: unknown, io: CliIo): unknown {
  if (error instanceof CommanderError)
    return new UsageError(error.message.replace(/^error: /, ""), "Run the command with --help to see its options.");
  // find's own error says what exists; any other failure after Ctrl+C is the interruption.
  if (io.interrupt.aborted && !(error instanceof CliError) && !(error instanceof LaunchWhenAvailableError))
    return io.interrupt.reason;
  return error;
}

/** Prints the report: one JSON line with `--json` or off a terminal, else a readable message. */
function printError(io: CliIo, report: ErrorReport, json: boolean): void {
  if (json) {
    io.stderr.write(`${JSON.stringify({ error: report })}\n`);
    return;
  }
  const paint = paintFor(io.stderr, io.env);
  const lines = [`${paint.red("error:")} ${report.message}`];
  if (report.suggestion && !report.message.includes(report.suggestion)) lines.push(report.suggestion);
  const ids = [
    report.code && `code ${report.code}`,
    report.request_id && !report.message.includes(report.request_id) && `request id ${report.request_id}`,
  ].filter(Boolean);
  if (ids.length > 0) lines.push(paint.dim(ids.join(", ")));
  io.stderr.write(`${lines.join("\n")}\n`);
}

/**
 * Runs `lambda-cloud` with `argv` (the arguments after the program name) and resolves with the exit code.
 * Never throws and never exits the process.
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    refuseKeyFlags(argv);
    await buildProgram(io).parseAsync([...argv], { from: "user" });
    return ExitCode.ok;
  } catch (caught) {
    if (
      caught instanceof CommanderError &&
      (caught.code === "commander.helpDisplayed" || caught.code === "commander.version")
    )
      return ExitCode.ok;
    // A group without its subcommand: commander has shown the group's help.
    if (caught instanceof CommanderError && caught.code === "commander.help") return ExitCode.usage;
    if (caught instanceof SshExitError) return caught.exitCode;
    const report = reportOf(normalize(caught, io));
    printError(io, report, argv.includes("--json") || !io.stderr.isTTY);
    return report.exit_code;
  }
}
