// Two separate front Workers (the sample Worker, twice, under different names) sharing one
// gateway Durable Object that a third Worker exports (bound with `script_name`), all in one
// `wrangler dev` session behind test/proxy/gateway/switchboard.ts, in front of the simulator bin with
// the API's limits. The configurations are written per run into a private temporary directory:
// each Worker's secrets go to a `.dev.vars` (mode 0600) beside its own configuration.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, type RunningWorker, startWranglerDev } from "../../../scripts/wrangler-dev.ts";
import { node24, type RunningProcess, repoRoot, startProcess } from "../../runtimes/commands.ts";

/** The simulator bin with `--rate-limit --admin`, accepting `key`. */
export async function startRateLimitedSimulator(key: string, bootMs = 60_000): Promise<RateLimitedSimulator> {
  const bin: RunningProcess = await startProcess(
    node24(),
    ["dist/testing/bin.js", "--port", "0", "--key", key, "--rate-limit", "--admin", "--boot-ms", String(bootMs)],
    /^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/,
  );
  const origin = new URL(bin.readyLine).origin;
  const read = async <T>(route: string) =>
    ((await (await fetch(`${origin}/__admin/${route}`)).json()) as { data: T }).data;
  return {
    url: bin.readyLine,
    traffic: () => read<Traffic>("traffic"),
    pendingFaults: async () => (await read<unknown[]>("faults")).length,
    admin: (route, body) => fetch(`${origin}/__admin/${route}`, { method: "POST", body: JSON.stringify(body) }),
    stop: () => bin.stop(),
  };
}

/** The simulator bin, steered through its control API. */
export interface RateLimitedSimulator {
  /** Its base URL, e.g. `http://127.0.0.1:…/api/v1`. */
  readonly url: string;
  traffic(): Promise<Traffic>;
  /** How many injected faults are still waiting for their request. */
  pendingFaults(): Promise<number>;
  /** `POST /__admin/<route>` with a JSON body. */
  admin(route: string, body: unknown): Promise<Response>;
  stop(): Promise<void>;
}

/** The simulator's count of the API calls it answered. */
export interface Traffic {
  readonly requests: number;
  readonly by_status: Record<string, number>;
  readonly by_operation: Record<string, number>;
}

/** Options of {@link startTwoFronts}. */
export interface TwoFrontsOptions {
  readonly upstream: string;
  readonly key: string;
  readonly dashboardToken: string;
  /** Keep the gateway's storage here across restarts. @default a temporary directory */
  readonly persistTo?: string;
  /** Port to listen on (to come back on the same one after a restart). @default 0 */
  readonly port?: number;
}

/** The running session: `front("a")` and `front("b")` are the two front Workers' origins (with their prefix). */
export interface TwoFronts {
  front(name: "a" | "b"): string;
  output(): string;
  stop(): Promise<void>;
}

const src = (path: string) => JSON.stringify(join(repoRoot, path));

/** Starts the switchboard, the two fronts and the gateway Worker in one `wrangler dev`. */
export async function startTwoFronts({
  upstream,
  key,
  dashboardToken,
  persistTo,
  port,
}: TwoFrontsOptions): Promise<TwoFronts> {
  const scratch = await mkdtemp(join(tmpdir(), "lambda-cloud-two-fronts-"));
  const write = async (name: string, toml: string, secrets?: string) => {
    await mkdir(join(scratch, name));
    await writeFile(join(scratch, name, "wrangler.toml"), toml);
    if (secrets) await writeFile(join(scratch, name, ".dev.vars"), secrets, { mode: 0o600 });
    return join(scratch, name, "wrangler.toml");
  };
  const common = `compatibility_date = "2026-10-01"\n`;
  const switchboard = await write(
    "switchboard",
    `name = "gateway-switchboard"\nmain = ${src("test/proxy/gateway/switchboard.ts")}\n${common}` +
      `services = [{ binding = "FRONT_A", service = "gateway-front-a" }, { binding = "FRONT_B", service = "gateway-front-b" }]\n`,
  );
  const front = (name: string) =>
    write(
      name,
      `name = "gateway-${name}"\nmain = ${src("examples/worker/src/index.ts")}\n${common}[vars]\nUPSTREAM = ${JSON.stringify(upstream)}\n` +
        `[[durable_objects.bindings]]\nname = "LAMBDA_GATEWAY"\nclass_name = "LambdaGateway"\nscript_name = "gateway-object"\n`,
      `LAMBDA_API_KEY=${key}\nDASHBOARD_TOKEN=${dashboardToken}\n`,
    );
  const gateway = await write(
    "object",
    `name = "gateway-object"\nmain = ${src("examples/worker/src/index.ts")}\n${common}[vars]\nUPSTREAM = ${JSON.stringify(upstream)}\n` +
      `[[durable_objects.bindings]]\nname = "LAMBDA_GATEWAY"\nclass_name = "LambdaGateway"\n` +
      `[[migrations]]\ntag = "v1"\nnew_sqlite_classes = ["LambdaGateway"]\n`,
    // The object reads the key from its own env to run capacity watches on its alarms.
    `LAMBDA_API_KEY=${key}\n`,
  );
  let worker: RunningWorker;
  try {
    worker = await startWranglerDev({
      configs: [switchboard, await front("front-a"), await front("front-b"), gateway],
      readyPath: "/a/api/session",
      persistTo: persistTo ?? join(scratch, "state"),
      port,
    });
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  return {
    front: (name) => `${worker.origin}/${name}`,
    output: () => worker.output(),
    stop: async () => {
      await worker.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** Polls `condition` every `everyMs` until it holds; fails naming `what` after `limitMs`. */
export async function until(
  what: string,
  condition: () => Promise<boolean> | boolean,
  { limitMs = 30_000, everyMs = 100 }: { limitMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * {@link startTwoFronts} that a test can kill and start again on the same port and the same
 * --persist-to, as an eviction or a deploy restarts the gateway object.
 */
export interface RestartableFronts {
  /** Starts the session. */
  start(): Promise<void>;
  /** Stops the session, waits until its port is free, and starts it again. */
  restart(): Promise<void>;
  /** A front's origin (with its prefix). @throws {Error} while the session is stopped. */
  front(name: "a" | "b"): string;
  /** wrangler's output; undefined while the session is stopped. */
  output(): string | undefined;
  /** Stops the session and removes the gateway's storage. */
  stop(): Promise<void>;
}

/** Picks the port and the storage directory; nothing runs until {@link RestartableFronts.start}. */
export async function restartableFronts(
  options: Omit<TwoFrontsOptions, "persistTo" | "port">,
): Promise<RestartableFronts> {
  const persistTo = await mkdtemp(join(tmpdir(), "lambda-cloud-gateway-state-"));
  const port = await freePort();
  let fronts: TwoFronts | undefined;
  const start = async () => {
    fronts = await startTwoFronts({ ...options, persistTo, port });
  };
  const stopFronts = async () => {
    await fronts?.stop();
    fronts = undefined;
  };
  return {
    start,
    restart: async () => {
      await stopFronts();
      // workerd lets go of the port a moment after wrangler exits.
      await until("the port is free again", () =>
        freePort(port).then(
          () => true,
          () => false,
        ),
      );
      // The stopped session's workerd can hold its other sockets (the objects' "direct" ones) a
      // moment longer than the port: wrangler then exits with "Address already in use", so try again.
      await until("wrangler dev starts again", () =>
        start().then(
          () => true,
          (error: Error) => {
            if (/Address already in use/.test(error.message)) return false;
            throw error;
          },
        ),
      );
    },
    front: (name) => {
      if (!fronts) throw new Error(`front ${name} is not running (the session is stopped)`);
      return fronts.front(name);
    },
    output: () => fronts?.output(),
    stop: async () => {
      await stopFronts();
      await rm(persistTo, { recursive: true, force: true });
    },
  };
}
