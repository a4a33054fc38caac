// Spawns the Deno and Bun binaries that the `deno` and `bun` devDependencies install, for
// the runtime tests in this folder. A missing binary fails the test with the fix (npm ci).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");

/** What a runtime script printed and how it exited. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The JSON line printed last by test/auth/scripts/from-env.ts. */
export type ScriptVerdict =
  | { readonly ok: true; readonly name: string; readonly sha256: string }
  | { readonly ok: false; readonly errorName: string; readonly provider: string; readonly message: string };

/** Path of a runtime binary from node_modules/.bin; throws (failing the test) with how to install it. */
export function runtimeBinary(runtime: "deno" | "bun", root: string = repoRoot): string {
  const path = join(root, "node_modules", ".bin", runtime);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `The ${runtime} binary is missing at ${path}. Install the devDependencies with \`npm ci\` ` +
        `(the "${runtime}" npm package downloads the binary in its install script, which package.json allows).`,
    );
  }
  return path;
}

/** Runs a command with a minimal environment (PATH plus `env`) and collects its output. */
export function run(file: string, args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      file,
      args,
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), NO_COLOR: "1", ...env },
        timeout: 60_000,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(new Error(`could not run ${file}: ${error.message}\n${stderr}`));
          return;
        }
        resolvePromise({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** Runs test/auth/scripts/from-env.ts with Deno, offline, with a throwaway DENO_DIR. */
export async function runDeno(
  denoFlags: readonly string[],
  env: Record<string, string>,
  scriptArgs: readonly string[] = [],
) {
  const deno = runtimeBinary("deno");
  const denoDir = await mkdtemp(join(tmpdir(), "lambda-cloud-deno-"));
  try {
    return await run(
      deno,
      [
        "run",
        "--no-config",
        "--no-lock",
        "--no-remote",
        "--no-npm",
        "--sloppy-imports", // the sources import "./x.js" for "./x.ts" (moduleResolution: Bundler)
        "--no-prompt",
        ...denoFlags,
        "test/auth/scripts/from-env.ts",
        ...scriptArgs,
      ],
      { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: denoDir, ...env },
    );
  } finally {
    await rm(denoDir, { recursive: true, force: true });
  }
}

/** Runs test/auth/scripts/from-env.ts with Bun, without auto-install and without loading .env files. */
export function runBun(env: Record<string, string>, scriptArgs: readonly string[] = []) {
  const bun = runtimeBinary("bun");
  return run(bun, ["run", "--no-env-file", "--no-install", "test/auth/scripts/from-env.ts", ...scriptArgs], {
    DO_NOT_TRACK: "1",
    ...env,
  });
}

/** Parses the script's last stdout line; fails with the whole output when it is not the verdict. */
export function verdictOf(result: RunResult): ScriptVerdict {
  const lines = result.stdout.trim().split("\n");
  const last = lines.at(-1) ?? "";
  try {
    return JSON.parse(last) as ScriptVerdict;
  } catch {
    throw new Error(
      `the script printed no verdict (exit ${result.code}).\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
