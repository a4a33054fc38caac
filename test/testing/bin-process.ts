// Starts `lambda-cloud-simulator` (the built dist/testing/bin.js) under Node, Deno or Bun, and
// stops it with a signal. A missing runtime binary fails the test with how to install it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, runtimeBinary } from "../auth/runtime-process";

export type Runtime = "node" | "deno" | "bun";

const BIN = join(repoRoot, "dist", "testing", "bin.js");

/** Builds dist/ when it is missing (`npm test` builds it first; a lone vitest run may not have). */
export function ensureBuilt(): void {
  if (!existsSync(BIN))
    execFileSync(join(repoRoot, "node_modules", ".bin", "tsup"), { cwd: repoRoot, stdio: "ignore" });
}

function command(runtime: Runtime): [string, string[], Record<string, string>] {
  switch (runtime) {
    case "node":
      return [process.execPath, [BIN], {}];
    case "deno":
      return [
        runtimeBinary("deno"),
        ["run", "--no-prompt", "--no-lock", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", BIN],
        { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: mkdtempSync(join(tmpdir(), "lambda-cloud-deno-")) },
      ];
    case "bun":
      return [runtimeBinary("bun"), ["run", "--no-env-file", "--no-install", BIN], { DO_NOT_TRACK: "1" }];
  }
}

/** A running bin. */
export interface RunningBin {
  /** The base URL it printed. */
  readonly url: string;
  /** Everything it wrote so far. */
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts the bin with flags and waits for the URL line. */
export function startBin(runtime: Runtime, flags: readonly string[]): Promise<RunningBin> {
  ensureBuilt();
  const [file, args, env] = command(runtime);
  const child: ChildProcess = spawn(file, [...args, ...flags], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${runtime} printed no URL within 30 s:\n${output}`));
    }, 30_000);
    const onData = () => {
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/api\/v1)$/m.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      resolve({
        url,
        output: () => output,
        stop: (signal) => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${runtime} exited (${code}) before printing its URL:\n${output}`));
    });
  });
}
