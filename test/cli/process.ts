// The built CLI (cli/dist/bin.js) as a child process under Node, Deno or Bun, against a simulator
// bin on a free port: how the process tests start it, feed it a key, and read its output.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binary, repoRoot } from "../runtimes/commands";

/** The CLI's bundle. */
export const CLI_BIN = join(repoRoot, "cli", "dist", "bin.js");

/** Builds cli/dist when it is missing (`npm test` builds it; a lone vitest run may not have). */
export function ensureCliBuilt(): void {
  if (!existsSync(CLI_BIN)) execFileSync(binary("tsup"), { cwd: join(repoRoot, "cli"), stdio: "ignore" });
}

/** The runtimes the CLI supports. */
export type CliRuntime = "node" | "deno" | "bun";

/** The command line that runs the CLI under `runtime`, reaching only the simulator's port. */
export function cliCommand(runtime: CliRuntime, port: number): [string, string[], Record<string, string>] {
  switch (runtime) {
    case "node":
      return [binary("node"), [CLI_BIN], {}];
    case "deno":
      return [
        binary("deno"),
        [
          "run",
          "--no-prompt",
          "--no-lock",
          "--node-modules-dir=manual",
          "--allow-env",
          "--allow-read",
          `--allow-net=127.0.0.1:${port}`,
          CLI_BIN,
        ],
        { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: mkdtempSync(join(tmpdir(), "lambda-cloud-cli-deno-")) },
      ];
    case "bun":
      return [binary("bun"), ["run", "--no-install", "--no-env-file", CLI_BIN], { DO_NOT_TRACK: "1" }];
  }
}

/** A running CLI process. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr has a line matching `pattern`. */
  stderrLine(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code once it exits. */
  readonly exited: Promise<number | null>;
}

/** Starts the CLI with `args` under `runtime`, with the key and the simulator's base URL in its environment. */
export function startCli(runtime: CliRuntime, args: readonly string[], env: { key: string; url: string }): CliProcess {
  ensureCliBuilt();
  const port = Number(new URL(env.url).port);
  const [file, runtimeArgs, runtimeEnv] = cliCommand(runtime, port);
  const child = spawn(file, [...runtimeArgs, ...args], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      NO_COLOR: "1",
      LAMBDA_API_KEY: env.key,
      LAMBDA_CLOUD_BASE_URL: env.url,
      ...runtimeEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...waiters]) {
      const line = stderr.split("\n").find((candidate) => waiter.pattern.test(candidate));
      if (line === undefined) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    stderrLine: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) =>
          reject(new Error(`the CLI exited (${code}) before printing ${pattern}:\n${stdout}\n${stderr}`)),
        );
      }),
    exited,
  };
}

/** Runs the CLI to its end. */
export async function runCliProcess(
  runtime: CliRuntime,
  args: readonly string[],
  env: { key: string; url: string },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const started = startCli(runtime, args, env);
  const code = await started.exited;
  return { code, stdout: started.stdout(), stderr: started.stderr() };
}
