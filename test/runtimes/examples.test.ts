// Every script in examples/ (but the Worker, tested in test/workers/worker/ and test/e2e/) runs
// against the simulator bin with the commands docs/runtimes.md gives, in the clone: first
// `npx lambda-cloud-simulator --key sim-key` (on a free port, with a random key instead of
// sim-key), whose demo account has the SSH key the launch needs, then, with LAMBDA_CLOUD_BASE_URL
// set, `node examples/node.ts --launch`, the `deno run` line with exactly its permissions, and
// `bun examples/bun.ts --launch`.
// node.ts, deno.ts and bun.ts list the instance types with capacity and, with --launch, launch
// one, wait until it is active and terminate it; deno-proxy.ts and bun-proxy.ts serve the proxy
// in front of the simulator.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/wrangler-dev";
import { type Server, SIMULATOR_URL, startServer } from "../helpers/server-process";
import { sendRaw } from "../proxy/node-server";
import { binary, type Command, describeRun, node24, type RunResult, repoRoot, run, startProcess } from "./commands";

const apiKey = `lc-sentinel-${crypto.randomUUID()}`;
let simulator: Server;
let baseUrl: string;
let simulatorPort: number;
let denoDir: string;

/** `deno run` with exactly the permissions the docs show, and a private cache. */
const deno = (permissions: readonly string[]): Command => ({
  file: binary("deno"),
  args: ["run", ...permissions],
  env: { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1" },
});
const bun = (): Command => ({ file: binary("bun"), args: [], env: { DO_NOT_TRACK: "1" } });

beforeAll(async () => {
  denoDir = await mkdtemp(join(tmpdir(), "lambda-cloud-deno-"));
  const path = `${join(repoRoot, "node_modules", ".bin")}:${process.env.PATH ?? ""}`;
  simulator = await startServer(
    `exec npx lambda-cloud-simulator --key ${apiKey} --port 0`,
    repoRoot,
    { PATH: path, HOME: process.env.HOME ?? tmpdir(), NO_COLOR: "1" },
    SIMULATOR_URL,
  );
  baseUrl = simulator.url;
  simulatorPort = Number(new URL(baseUrl).port);
}, 60_000);

afterAll(async () => {
  await simulator?.stop();
  await rm(denoDir, { recursive: true, force: true });
  expect(simulator.output().includes(apiKey), "the simulator printed the key").toBe(false);
});

function expectKeyNotPrinted(output: string) {
  expect(output.includes(apiKey), "an example printed the API key").toBe(false);
}

describe.each<[string, () => Command]>([
  ["examples/node.ts", node24],
  [
    "examples/deno.ts",
    () => deno(["--allow-env=LAMBDA_API_KEY,LAMBDA_CLOUD_BASE_URL", `--allow-net=127.0.0.1:${simulatorPort}`]),
  ],
  ["examples/bun.ts", bun],
])("%s", (script, command) => {
  it("lists the instance types with capacity, and with --launch launches one, waits until active and terminates it", async () => {
    const result: RunResult = await run(command(), [script, "--launch"], {
      env: { LAMBDA_API_KEY: apiKey, LAMBDA_CLOUD_BASE_URL: baseUrl },
    });
    expectKeyNotPrinted(result.stdout + result.stderr);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr, "the example warned").toBe("");
    expect(result.stdout).toMatch(/^\d+ of \d+ instance types have capacity now:$/m);
    expect(result.stdout).toMatch(/^ {2}gpu_1x_a10 +\$0\.75\/h/m);
    expect(result.stdout).toMatch(/^Launching \S+ in \S+ with SSH key laptop…$/m);
    expect(result.stdout).toMatch(/^Active: ssh ubuntu@\d+\.\d+\.\d+\.\d+$/m);
    expect(result.stdout).toMatch(/^Terminated [0-9a-f]{32} \(status: (terminating|terminated)\)\.$/m);
  }, 60_000);
});

describe.each<[string, () => Command]>([
  [
    "examples/deno-proxy.ts",
    () =>
      deno([
        "--unstable-no-legacy-abort",
        "--allow-env=LAMBDA_API_KEY,LAMBDA_CLOUD_BASE_URL,PORT",
        "--allow-net=127.0.0.1,cloud.lambda.ai",
      ]),
  ],
  ["examples/bun-proxy.ts", bun],
])("%s", (script, command) => {
  it("serves reads of the simulator's API without a key from the caller, and refuses writes and rebinding Hosts", async () => {
    const port = await freePort();
    const proxy = await startProcess(command(), [script], /^Proxy on http:/, {
      env: { LAMBDA_API_KEY: apiKey, LAMBDA_CLOUD_BASE_URL: baseUrl, PORT: String(port) },
    });
    try {
      expect(proxy.readyLine).toBe(`Proxy on http://127.0.0.1:${port}/api/v1`);
      const types = await fetch(`http://127.0.0.1:${port}/api/v1/instance-types`);
      expect(types.status).toBe(200);
      expect(Object.keys(((await types.json()) as { data: object }).data)).toContain("gpu_1x_a10");
      const launch = await fetch(`http://127.0.0.1:${port}/api/v1/instance-operations/launch`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] }),
      });
      expect(((await launch.json()) as { error: { code: string } }).error.code).toBe("proxy/route-not-allowed");
      // DNS rebinding: a page on another name that resolves to 127.0.0.1 is refused, Origin or not.
      const host = `rebind.attacker.example:${port}`;
      const rebound = await sendRaw(
        port,
        `GET /api/v1/instance-types HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}`,
      );
      expect(rebound.status).toBe(421);
      expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: "proxy/host-not-allowed" } });
    } finally {
      await proxy.stop();
    }
    expectKeyNotPrinted(proxy.output());
    // Its address, then one JSON log line per request: anything else (a runtime's warning) fails.
    const otherLines = proxy
      .output()
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("Proxy on ") && !line.startsWith("{"));
    expect(otherLines, "the example printed something besides its address and log lines").toEqual([]);
  }, 60_000);
});
