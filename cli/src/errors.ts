/** The CLI's own errors, each with the exit code a script can branch on and a stable `code`. */

/** Exit codes: 0 ok, 1 API error, 2 usage error, 3 not found, 4 no capacity, 130 interrupted. */
export const ExitCode = {
  ok: 0,
  apiError: 1,
  usage: 2,
  notFound: 3,
  noCapacity: 4,
  interrupted: 130,
} as const;

/** An error raised by the CLI itself (not by the API or the client). */
export class CliError extends Error {
  override name = "CliError";
  /** The process's exit code for this error. */
  readonly exitCode: number;
  /** A stable code, like the API's: `cli/usage`, `cli/not-found`, `cli/no-capacity`, `cli/interrupted`, `cli/declined`. */
  readonly code: string;
  /** What to do about it. */
  readonly suggestion: string | undefined;
  /** Extra fields for the JSON error (e.g. the instances that exist after an interruption). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    exitCode: number,
    message: string,
    options: { suggestion?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
    this.suggestion = options.suggestion;
    this.details = options.details ?? {};
  }
}

/** The command line was wrong (an unknown flag, a missing value, no API key): exit 2. */
export class UsageError extends CliError {
  override name = "UsageError";
  constructor(message: string, suggestion?: string) {
    super("cli/usage", ExitCode.usage, message, suggestion === undefined ? {} : { suggestion });
  }
}

/** No resource has the name or id given: exit 3. */
export class NotFoundByNameError extends CliError {
  override name = "NotFoundByNameError";
  constructor(kind: string, ref: string, listCommand: string) {
    super("cli/not-found", ExitCode.notFound, `No ${kind} is named or has the id ${JSON.stringify(ref)}.`, {
      suggestion: `List them with: lambda-cloud ${listCommand}`,
    });
  }
}

/** The user pressed Ctrl+C: exit 130. `details` says what exists (an instance already launched). */
export class InterruptedError extends CliError {
  override name = "InterruptedError";
  constructor(message = "Interrupted.", options: { suggestion?: string; details?: Record<string, unknown> } = {}) {
    super("cli/interrupted", ExitCode.interrupted, message, options);
  }
}

/** The system `ssh` exited with `code` after printing its own messages; the CLI exits with the same code and adds nothing. */
export class SshExitError extends CliError {
  override name = "SshExitError";
  constructor(code: number) {
    super("cli/ssh-exit", code, `ssh exited with ${code}.`);
  }
}
