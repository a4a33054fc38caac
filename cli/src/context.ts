/** What every command works with: the client, the output mode, colour, progress, confirmation and Ctrl+C. */
import { createInterface } from "node:readline/promises";
import { LambdaCloudClient } from "lambda-cloud";
import { readApiKey } from "./credentials.ts";
import { CliError, ExitCode, UsageError } from "./errors.ts";
import type { CliIo } from "./io.ts";
import { type Paint, PLAIN, paintFor } from "./paint.ts";
import { jsonLinesProgress, type Progress, spinnerProgress } from "./progress.ts";

/** The options every command has. */
export interface GlobalOptions {
  /** Print results (and errors, and progress) as JSON. */
  readonly json?: boolean;
  /** The API's base URL; `LAMBDA_CLOUD_BASE_URL` otherwise. */
  readonly baseUrl?: string;
}

/** The state of one run of a command. */
export class Context {
  /** The outside world. */
  readonly io: CliIo;
  /** `--json`: results as JSON on stdout, progress and errors as JSON lines on stderr. */
  readonly json: boolean;
  /** Styles for stdout. */
  readonly paint: Paint;
  readonly #baseUrl: string | undefined;
  #client: Promise<LambdaCloudClient> | undefined;

  constructor(io: CliIo, options: GlobalOptions) {
    this.io = io;
    this.json = options.json === true;
    this.paint = this.json ? PLAIN : paintFor(io.stdout, io.env);
    this.#baseUrl = options.baseUrl ?? (io.env.LAMBDA_CLOUD_BASE_URL || undefined);
  }

  /** Aborted on Ctrl+C. */
  get signal(): AbortSignal {
    return this.io.interrupt;
  }

  /** The client, created on first use with the key from the environment. */
  client(): Promise<LambdaCloudClient> {
    this.#client ??= readApiKey(this.io.env).then(
      (apiKey) => new LambdaCloudClient({ apiKey, baseUrl: this.#baseUrl, ...this.io.clientOptions }),
    );
    return this.#client;
  }

  /** Prints a result: `data` as JSON with `--json`, else the human text. */
  print(data: unknown, human: () => string): void {
    this.io.stdout.write(this.json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
  }

  /** Progress for a long command: a spinner on a terminal, JSON lines on stderr otherwise. */
  progress(): Progress {
    return this.io.stderr.isTTY && !this.json ? spinnerProgress(this.io.stderr) : jsonLinesProgress(this.io.stderr);
  }

  /**
   * Asks before a destructive step. `--yes` skips the question; off a terminal (or with `--json`)
   * there is nobody to ask, so it refuses without `--yes`.
   * @throws {UsageError} off a terminal without `--yes`; {@link CliError} `cli/declined` when the answer is not yes.
   */
  async confirm(question: string, yes: boolean | undefined): Promise<void> {
    if (yes) return;
    if (!this.io.stdin.isTTY || !this.io.stderr.isTTY || this.json) {
      throw new UsageError(`Refusing without --yes when not on a terminal: ${question}`, "Add --yes to confirm.");
    }
    const prompt = createInterface({ input: this.io.stdin, output: this.io.stderr });
    try {
      const answer = await prompt.question(`${question} [y/N] `, { signal: this.signal });
      if (!/^y(es)?$/i.test(answer.trim()))
        throw new CliError("cli/declined", ExitCode.apiError, "Not confirmed; nothing was changed.");
    } finally {
      prompt.close();
    }
  }
}
