// How the tests start each command-line runtime (Node 22, Node 24, Deno, Bun) and servers,
// and how to install one that is missing. Node-only: used from vitest.
import { spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repository root (where package.json is). */
export const repoRoot = resolve(import.meta.dirname, "../..");

/** The devDependency that installs Node 22 (`"node22": "npm:node@22.12.0"` in package.json). */
const NODE_22_PACKAGE = "node22";

/**
 * The Node 22 release the tests use, e.g. `"node@22.12.0"`, as package.json pins it: the first
 * one that loads ES modules through `require()` without a flag, so a pass here proves the
 * `engines` floor for CommonJS users too.
 */
export const NODE_22 = devDependency(NODE_22_PACKAGE).replace(/^npm:/, "");

/** The version range package.json gives the devDependency `name`. */
function devDependency(name: string): string {
  const { devDependencies } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const range = devDependencies[name];
  if (range === undefined) throw new Error(`package.json has no devDependency "${name}"`);
  return range;
}

/** A command to spawn: a file, the arguments before the script's own, and its environment. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  /** Variables the command needs, added to PATH and HOME. */
  readonly env?: Record<string, string>;
}

/** What a command printed and how it exited. */
export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how long a command runs, and what it finds in its environment besides PATH and HOME. */
export interface RunOptions {
  readonly env?: Record<string, string>;
  /** @default the repository root */
  readonly cwd?: string;
  /** @default 120_000 for run(), 30_000 for startProcess() to become ready */
  readonly timeoutMs?: number;
}

/**
 * A binary installed by a devDependency into node_modules/.bin. Throws (failing the test)
 * with how to install it when it is missing, so no runtime is ever skipped silently.
 */
export function binary(name: string): string {
  return installed(join("node_modules", ".bin", name), name);
}

/** An executable at `path` (from the repository root) that the devDependency `packageName` installs; throws like {@link binary}. */
function installed(path: string, packageName: string): string {
  const absolute = join(repoRoot, path);
  try {
    accessSync(absolute, constants.X_OK);
  } catch {
    throw new Error(
      `${packageName} is missing at ${absolute}. Install the devDependencies with \`npm ci\` (the "${packageName}" npm package ` +
        `downloads its binary in an install script, which package.json "allowScripts" permits).`,
    );
  }
  return absolute;
}

/** Node 24: the `node` devDependency. */
export function node24(): Command {
  return { file: binary("node"), args: [] };
}

/**
 * Node 22: the `node22` devDependency, installed by `npm ci` like the other runtimes (its
 * binary is not linked into node_modules/.bin, where `node` is Node 24).
 */
export function node22(): Command {
  return { file: installed(join("node_modules", NODE_22_PACKAGE, "bin", "node"), NODE_22_PACKAGE), args: [] };
}

/** `deno run`, offline, with a given cache directory and exactly the given permissions. */
export function denoRun(permissions: readonly string[], denoDir: string): Command {
  return {
    file: binary("deno"),
    args: ["run", "--no-remote", "--no-lock", "--no-prompt", "--node-modules-dir=manual", ...permissions],
    env: { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1" },
  };
}

/** `bun run`, without auto-install and without loading .env files. */
export function bunRun(): Command {
  return { file: binary("bun"), args: ["run", "--no-install", "--no-env-file"], env: { DO_NOT_TRACK: "1" } };
}

function environmentFor(command: Command, options: RunOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? tmpdir(),
    NO_COLOR: "1",
    ...command.env,
    ...options.env,
  };
}

/**
 * Runs a command to its end, collecting its output. Rejects only when it cannot be started;
 * a failing exit is a result.
 */
export function run(command: Command, scriptArgs: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command.file, [...command.args, ...scriptArgs], {
      cwd: options.cwd ?? repoRoot,
      env: environmentFor(command, options),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => reject(new Error(`could not start ${command.file}: ${error.message}`)));
    child.on("close", (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

/** The whole output of a run, for failure messages. */
export function describeRun(result: RunResult): string {
  return `exit ${result.code ?? result.signal}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

/** A long-running process (a server) started by {@link startProcess}. */
export interface RunningProcess {
  /** The first line that matched `ready`. */
  readonly readyLine: string;
  /** Everything it printed so far. */
  output(): string;
  /** Sends SIGTERM (SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts a server process and resolves once it prints a line matching `ready` (e.g. its URL). */
export function startProcess(
  command: Command,
  scriptArgs: readonly string[],
  ready: RegExp,
  options: RunOptions = {},
): Promise<RunningProcess> {
  const child = spawn(command.file, [...command.args, ...scriptArgs], {
    cwd: options.cwd ?? repoRoot,
    env: environmentFor(command, options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() =>
        reject(new Error(`${command.file} ${scriptArgs.join(" ")} ${why}.\n--- output ---\n${printed}`)),
      );
    };
    const timer = setTimeout(() => fail(`printed no line matching ${ready} within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      printed += chunk.toString();
      const line = printed.split("\n").find((candidate) => ready.test(candidate));
      if (settled || line === undefined) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise({ readyLine: line.trim(), output: () => printed, stop });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", (error) => fail(`could not start: ${error.message}`));
    void exited.then(() => fail(`exited (${child.exitCode ?? child.signalCode})`));
  });
}
