// examples/find-gpu.ts under Node 24, Deno and Bun, against the simulator bin started as
// docs/capacity.md says: rate limits on, and a capacity script in which the only H100 at or under
// $3/h is the PCIe one in us-east-1 (the 8x SXM5 is above the price everywhere).
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REGIONS } from "lambda-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Server, SIMULATOR_URL, startServer } from "../helpers/server-process";
import { bunRun, type Command, denoRun, describeRun, node24, repoRoot, run } from "./commands";

/** One key per runtime: each run is a new process with a limiter of its own, as separate programs would be. */
const keys = { "node 24": sentinel(), deno: sentinel(), bun: sentinel(), ctrlC: sentinel() };
const H100 = "gpu_1x_h100_pcie";
let simulator: Server;
let workDir: string;
let simulatorPort: number;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "lambda-cloud-find-gpu-"));
  const script = REGIONS.map((region) => ({
    at: 0,
    type: H100,
    region: region.name,
    units: region.name === "us-east-1" ? 5 : 0,
  }));
  const scriptFile = join(workDir, "capacity.json");
  await writeFile(scriptFile, JSON.stringify(script));
  const path = `${join(repoRoot, "node_modules", ".bin")}:${process.env.PATH ?? ""}`;
  simulator = await startServer(
    `exec npx lambda-cloud-simulator ${Object.values(keys)
      .map((key) => `--key ${key}`)
      .join(" ")} --port 0 --rate-limit --boot-ms 0 --capacity-script ${scriptFile}`,
    repoRoot,
    { PATH: path, HOME: process.env.HOME ?? tmpdir(), NO_COLOR: "1" },
    SIMULATOR_URL,
  );
  simulatorPort = Number(new URL(simulator.url).port);
}, 60_000);

afterAll(async () => {
  await simulator?.stop();
  await rm(workDir, { recursive: true, force: true });
  for (const key of Object.values(keys))
    expect(simulator.output().includes(key), "the simulator printed a key").toBe(false);
});

function sentinel(): string {
  return `lc-sentinel-${crypto.randomUUID()}`;
}

describe.each<[Exclude<keyof typeof keys, "ctrlC">, () => Command]>([
  ["node 24", node24],
  [
    "deno",
    () =>
      denoRun(
        ["--allow-env=LAMBDA_API_KEY,LAMBDA_CLOUD_BASE_URL", `--allow-net=127.0.0.1:${simulatorPort}`],
        join(workDir, "deno"),
      ),
  ],
  ["bun", bunRun],
])("examples/find-gpu.ts in %s", (name, command) => {
  it("finds the cheapest H100 under the price, launches it, waits until active and prints the SSH command", async () => {
    const apiKey = keys[name];
    const result = await run(command(), ["examples/find-gpu.ts", "300"], {
      env: { LAMBDA_API_KEY: apiKey, LAMBDA_CLOUD_BASE_URL: simulator.url },
    });
    expect((result.stdout + result.stderr).includes(apiKey), "the example printed the API key").toBe(false);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr, "the example warned").toBe("");
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("Looking for an H100 at $3.00/h or less, SSH key laptop");
    expect(lines[1]).toBe(`Launching ${H100} in us-east-1 at $2.49/h…`);
    expect(lines[2]).toMatch(/^Launched [0-9a-f]{32}; waiting until it is active$/);
    expect(lines[3]).toMatch(/^ {2}[0-9a-f]{32}: active$/);
    expect(lines[4]).toMatch(/^Active after 1 looks and 1 launch attempts: ssh ubuntu@\d+\.\d+\.\d+\.\d+$/);
    expect(lines).toHaveLength(5);
  }, 60_000);
});

describe("examples/find-gpu.ts and Ctrl-C", () => {
  it("stops the search on SIGINT, says that nothing was launched, and exits with 1", async () => {
    // Nothing costs 1 cent an hour: the search waits until the signal.
    const child = spawn(node24().file, ["examples/find-gpu.ts", "1"], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? tmpdir(),
        LAMBDA_API_KEY: keys.ctrlC,
        LAMBDA_CLOUD_BASE_URL: simulator.url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("none yet")) resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      void exited.then(() => resolve());
    });
    child.kill("SIGINT");
    expect(await exited, output).toBe(1);
    expect(output.trim().split("\n")).toEqual([
      "Looking for an H100 at $0.01/h or less, SSH key laptop",
      // 5 s, and more when the look took longer than one request slot (a slow machine).
      expect.stringMatching(/^ {2}look 1: none yet, next in \d+ s$/),
      "launchWhenAvailable was aborted; nothing was launched.",
    ]);
    expect(output.includes(keys.ctrlC), "the example printed the API key").toBe(false);
  }, 60_000);
});
