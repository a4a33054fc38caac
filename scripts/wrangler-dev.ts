// Starts the sample Worker with `wrangler dev` on 127.0.0.1, offline (no metrics, no
// Cloudflare login, no download of request.cf data), in its own process group so that stop()
// ends wrangler and workerd together. Used by `npm start` (scripts/start.ts) and the browser
// test (test/e2e/). Node only.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Options of {@link startWranglerDev}. */
export interface WranglerDevOptions {
  /** Port to listen on; `0` picks a free one. @default 0 */
  readonly port?: number;
  /** Plain vars, passed as `--var NAME:value` (they override wrangler.toml [vars]). */
  readonly vars?: Readonly<Record<string, string>>;
  /** Secrets, written to a private temporary env file (mode 0600) given with `--env-file`, never on the command line. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** `"inherit"` shows wrangler's output; `"capture"` keeps it for {@link RunningWorker.output}. @default "capture" */
  readonly output?: "inherit" | "capture";
  /** The wrangler configuration file, relative to the repository root. @default "wrangler.toml" (the sample Worker) */
  readonly config?: string;
  /** The path polled until it answers below 500, to know the Worker is up. @default "/api/session" */
  readonly readyPath?: string;
  /** How long to wait for the Worker to answer. @default 60_000 */
  readonly readyTimeoutMs?: number;
  /**
   * Several configuration files instead of `config`, for Workers that run in one session: the
   * first Worker is served on the port, the others are reached through its bindings. @default [config]
   */
  readonly configs?: readonly string[];
  /** Where the Worker's local state (Durable Object storage) is kept; kept after stop() when given. @default a temporary directory */
  readonly persistTo?: string;
}

/** A running `wrangler dev`. */
export interface RunningWorker {
  /** e.g. `"http://127.0.0.1:8787"`. */
  readonly origin: string;
  /** Everything wrangler printed so far (empty with `output: "inherit"`). */
  output(): string;
  /** Stops wrangler and workerd (the whole process group) and removes the temporary files. */
  stop(): Promise<void>;
}

/**
 * Listens on `port` of 127.0.0.1 (0 for any free one) and closes again, returning the port.
 * @throws when the port is taken, naming it.
 */
export async function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `port ${port} on 127.0.0.1 is already in use; stop what listens there, or choose another port (PORT=8788 npm start).`,
            )
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Starts `wrangler dev` (the root wrangler.toml unless `config` or `configs` says otherwise) and resolves once `readyPath` answers. */
export async function startWranglerDev(options: WranglerDevOptions = {}): Promise<RunningWorker> {
  // Checked first, so that readiness is never taken from another server already on the port.
  const port = await freePort(options.port ?? 0);
  const inspectorPort = await freePort();
  const scratch = await mkdtemp(join(tmpdir(), "lambda-cloud-worker-"));
  const envFile = join(scratch, "secrets.env");
  const lines = Object.entries(options.secrets ?? {}).map(([name, value]) => `${name}=${value}\n`);
  await writeFile(envFile, lines.join(""), { mode: 0o600 });

  const args = [
    "wrangler",
    "dev",
    ...(options.configs ?? [options.config ?? "wrangler.toml"]).flatMap((config) => ["--config", config]),
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--env-file",
    envFile,
    "--persist-to",
    options.persistTo ?? join(scratch, "state"),
    "--show-interactive-dev-session=false",
    ...Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ];
  const capture = (options.output ?? "capture") === "capture";
  const child = spawn("npx", args, {
    cwd: root,
    detached: true,
    stdio: capture ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      NO_COLOR: "1",
      FORCE_COLOR: "0",
    },
  });
  let printed = "";
  child.stdout?.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      killGroup(child.pid, "SIGTERM");
      const timer = setTimeout(() => killGroup(child.pid as number, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(scratch, { recursive: true, force: true });
  };

  try {
    await waitUntilAnswering(
      `${origin}${options.readyPath ?? "/api/session"}`,
      exited,
      options.readyTimeoutMs ?? 60_000,
    );
  } catch (error) {
    await stop();
    throw new Error(`wrangler dev did not start: ${(error as Error).message}\n--- wrangler output ---\n${printed}`);
  }
  return { origin, output: () => printed, stop };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function waitUntilAnswering(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  while (Date.now() < deadline) {
    if (hasExited) throw new Error("wrangler exited before the Worker answered");
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}
