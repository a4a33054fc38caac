import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LambdaCloudClient } from "../../src/index";
import { type RunningBin, type Runtime, startBin } from "./bin-process";
import { leaks } from "./helpers";
import { runScenario, SCENARIO_BOOT_MS } from "./scenario";

let running: RunningBin | undefined;
afterEach(async () => {
  await running?.stop("SIGKILL");
  running = undefined;
});

let tempDir: string | undefined;
afterEach(async () => {
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

/** Writes a file in a fresh temporary directory (removed after the test) and returns its path. */
async function tempFile(name: string, content: string): Promise<string> {
  tempDir = await mkdtemp(join(tmpdir(), "lambda-cloud-bin-"));
  const file = join(tempDir, name);
  await writeFile(file, content);
  return file;
}

function adminOf(url: string) {
  const origin = new URL(url).origin;
  return async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${origin}/__admin/${route}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`admin ${method} ${route} answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { data: unknown }).data;
  };
}

describe.each<Runtime>(["node", "deno", "bun"])("lambda-cloud-simulator over HTTP in %s", (runtime) => {
  it("runs the end-to-end scenario through the real client, never prints the key, and exits 0 on SIGTERM", async () => {
    const key = `lc-sentinel-${crypto.randomUUID()}`;
    running = await startBin(runtime, [
      "--port",
      "0",
      "--key",
      key,
      "--seed",
      "5",
      "--boot-ms",
      String(SCENARIO_BOOT_MS),
      "--admin",
      "--empty",
    ]);
    const admin = adminOf(running.url);
    const client = new LambdaCloudClient({ apiKey: key, baseUrl: running.url, rateLimit: false });
    await runScenario(client, {
      advance: async (ms) => void (await admin("POST", "clock/advance", { ms })),
      setCapacity: async (instance_type_name, region_name, units) =>
        void (await admin("POST", "capacity", { instance_type_name, region_name, units })),
    });
    const bin = running;
    running = undefined;
    expect(await bin.stop("SIGTERM")).toBe(0);
    expect(leaks(bin.output(), key)).toBe(false);
  }, 60_000);

  it("applies faults added through the admin API: a GET recovers from a 503", async () => {
    const key = `lc-sentinel-${crypto.randomUUID()}`;
    running = await startBin(runtime, ["--port", "0", "--key", key, "--admin"]);
    const admin = adminOf(running.url);
    await admin("POST", "faults", {
      kind: "status",
      status: 503,
      method: "GET",
      path: "/regions",
      headers: { "retry-after": "0" },
    });
    const client = new LambdaCloudClient({ apiKey: key, baseUrl: running.url, rateLimit: false });
    expect((await client.regions.list()).length).toBeGreaterThan(0);
    expect(await admin("GET", "faults")).toEqual([]);
  }, 60_000);

  it("exits 0 on SIGINT", async () => {
    const bin = await startBin(runtime, ["--port", "0"]);
    expect(await bin.stop("SIGINT")).toBe(0);
  }, 60_000);
});

describe("lambda-cloud-simulator over HTTP in node: dropped connections", () => {
  it("reset destroys the socket and a GET recovers; after-commit on launch leaves one instance, which the client finds by its tag", async () => {
    const key = `lc-sentinel-${crypto.randomUUID()}`;
    running = await startBin("node", ["--port", "0", "--key", key, "--admin", "--empty"]);
    const admin = adminOf(running.url);
    await admin("POST", "faults", { kind: "reset", method: "GET" });
    await expect(
      fetch(`${running.url}/regions`, { headers: { authorization: `Bearer ${key}` } }),
    ).rejects.toBeInstanceOf(TypeError);

    const client = new LambdaCloudClient({ apiKey: key, baseUrl: running.url, rateLimit: false });
    await admin("POST", "faults", { kind: "reset", method: "GET" });
    expect((await client.regions.list()).length).toBeGreaterThan(0);

    await client.sshKeys.create({ name: "k" });
    await admin("POST", "capacity", { instance_type_name: "gpu_1x_a10", region_name: "us-west-1", units: 3 });
    await admin("POST", "faults", { kind: "after-commit", path: "/instance-operations/launch" });
    const { instance_ids } = await client.instances.launch({
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a10",
      ssh_key_names: ["k"],
    });
    expect(
      ((await admin("GET", "state")) as { instances: { id: string }[] }).instances.map((instance) => instance.id),
    ).toEqual(instance_ids);
  }, 60_000);

  it("without --admin there is no control API", async () => {
    running = await startBin("node", ["--port", "0"]);
    expect((await fetch(`${new URL(running.url).origin}/__admin/state`)).status).toBe(404);
  }, 60_000);
});

describe("lambda-cloud-simulator: the account it starts with", () => {
  const key = `lc-sentinel-${crypto.randomUUID()}`;
  const clientOf = (url: string) => new LambdaCloudClient({ apiKey: key, baseUrl: url, rateLimit: false });

  it("is the demo account by default: the SSH key laptop, a filesystem and three active instances", async () => {
    running = await startBin("node", ["--port", "0", "--key", key]);
    const client = clientOf(running.url);
    expect((await client.sshKeys.list()).map((sshKey) => sshKey.name)).toEqual(["laptop"]);
    expect((await client.filesystems.list()).map((filesystem) => filesystem.name)).toEqual(["shared-datasets"]);
    expect((await client.instances.list()).map((instance) => instance.status)).toEqual(["active", "active", "active"]);
  }, 60_000);

  it("is empty with --empty", async () => {
    running = await startBin("node", ["--port", "0", "--key", key, "--empty"]);
    const client = clientOf(running.url);
    expect(await client.sshKeys.list()).toEqual([]);
    expect(await client.instances.list()).toEqual([]);
  }, 60_000);

  describe("with --fixture FILE", () => {
    const fixtureFile = (content: string) => tempFile("account.json", content);

    it("serves the file's account", async () => {
      const file = await fixtureFile(
        JSON.stringify({
          ssh_keys: [{ name: "ci" }],
          instances: [
            { name: "build", region_name: "us-east-1", instance_type_name: "cpu_4x_general", ssh_key_names: ["ci"] },
          ],
        }),
      );
      running = await startBin("node", ["--port", "0", "--key", key, "--fixture", file]);
      const client = clientOf(running.url);
      expect((await client.sshKeys.list()).map((sshKey) => sshKey.name)).toEqual(["ci"]);
      expect((await client.instances.list()).map((instance) => [instance.name, instance.status])).toEqual([
        ["build", "active"],
      ]);
    }, 60_000);

    it.each([
      [
        "a field the API's rules refuse",
        '{ "filesystems": [{ "name": "data", "region": "us-nowhere-1" }] }',
        /exited \(1\)[\s\S]*--fixture \S+account\.json: Invalid account fixture: filesystems\[0\]\.region: "us-nowhere-1" is not a region/,
      ],
      ["text that is not JSON", "{ ssh_keys: [] }", /exited \(1\)[\s\S]*--fixture \S+account\.json: not valid JSON/],
    ])(
      "exits 1 on %s, naming the file and what is wrong",
      async (_case, content, message) => {
        const file = await fixtureFile(content);
        await expect(startBin("node", ["--port", "0", "--fixture", file])).rejects.toThrow(message);
      },
      60_000,
    );
  });
});

describe("lambda-cloud-simulator --capacity-script FILE", () => {
  const key = `lc-sentinel-${crypto.randomUUID()}`;

  it("applies each entry when the clock reaches its time", async () => {
    const script = [
      { at: 0, type: "gpu_1x_h100_pcie", region: "us-west-1", units: 3 },
      { at: 3_600_000, type: "gpu_1x_h100_pcie", region: "us-west-1", units: 0 },
    ];
    const file = await tempFile("capacity.json", JSON.stringify(script));
    running = await startBin("node", ["--port", "0", "--key", key, "--admin", "--empty", "--capacity-script", file]);
    const client = new LambdaCloudClient({ apiKey: key, baseUrl: running.url, rateLimit: false });
    const h100 = { types: ["gpu_1x_h100_pcie"], regions: ["us-west-1"] };
    expect((await client.instanceTypes.availability(h100)).map((entry) => entry.region)).toEqual(["us-west-1"]);
    await adminOf(running.url)("POST", "clock/advance", { ms: 3_600_000 });
    expect(await client.instanceTypes.availability(h100)).toEqual([]);
    expect(leaks(running.output(), key)).toBe(false);
  }, 60_000);

  it.each([
    [
      "a bad entry",
      '[{ "at": 0, "type": "gpu_1x_h100_pcie", "region": "us-west-1", "units": 1 }, { "at": -5, "type": "gpu_9x_nothing", "region": "us-west-1", "units": 1 }]',
      /exited \(1\)[\s\S]*--capacity-script \S+capacity\.json: Invalid capacity script: capacity\[1\]\.at: must be milliseconds ≥ 0[\s\S]*capacity\[1\]\.type: "gpu_9x_nothing" is not an instance type/,
    ],
    [
      "an object instead of a list",
      '{ "capacity": [] }',
      /exited \(1\)[\s\S]*--capacity-script \S+capacity\.json: Invalid capacity script: capacity: must be a list/,
    ],
    ["text that is not JSON", "[{ at: 0 }]", /exited \(1\)[\s\S]*--capacity-script \S+capacity\.json: not valid JSON/],
  ])(
    "exits 1 on %s, naming the file, the entry and the field",
    async (_case, content, message) => {
      const file = await tempFile("capacity.json", content);
      await expect(startBin("node", ["--port", "0", "--capacity-script", file])).rejects.toThrow(message);
    },
    60_000,
  );
});
