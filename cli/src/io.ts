/** What the CLI talks to: its environment, its three streams, Ctrl+C, and the system `ssh`. One object, so tests can run it in-process. */
import { spawn } from "node:child_process";
import type { LambdaCloudClientOptions } from "lambda-cloud";
import { InterruptedError } from "./errors.ts";

/** A stream the CLI writes to. */
export interface OutputStream extends NodeJS.WritableStream {
  /** True when it is a terminal: tables get colour and progress gets a spinner. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** The outside world of one run of the CLI. */
export interface CliIo {
  /** Environment variables (`LAMBDA_API_KEY`, `LAMBDA_API_KEY_FILE`, `LAMBDA_CLOUD_BASE_URL`, `NO_COLOR`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Aborted when the user presses Ctrl+C; its reason is an {@link InterruptedError}. */
  readonly interrupt: AbortSignal;
  /** Runs a program with the terminal attached and resolves with its exit code (the system `ssh`). */
  readonly exec: (file: string, args: readonly string[]) => Promise<number>;
  /** Options merged into the client's (tests pass the simulator's fetch; nothing else sets this). */
  readonly clientOptions?: Partial<LambdaCloudClientOptions>;
}

/** The real process: its env, stdio, SIGINT (a second Ctrl+C exits at once with 130) and child processes. */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.on("SIGINT", () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new InterruptedError());
  });
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interrupt: controller.signal,
    exec: (file, args) =>
      new Promise((resolve, reject) => {
        const child = spawn(file, args, { stdio: "inherit" });
        child.once("error", reject);
        child.once("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
      }),
  };
}
