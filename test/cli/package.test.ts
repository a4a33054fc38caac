// lambda-cloud-cli as npm would publish it: the tarball holds the bundle and nothing of the
// repository, its dependencies are the four CLI libraries only (the client is bundled), and once
// installed its `lambda-cloud` bin runs under Node, Deno and Bun as `npx`, `bunx` and
// `deno run npm:` would run it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsumerProject, consumerProject } from "../package/packed";
import { binary, repoRoot, run } from "../runtimes/commands";
import { type RunningBin, startBin } from "../testing/bin-process";
import { ensureCliBuilt } from "./process";

interface Manifest {
  name: string;
  version: string;
  type: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  files: string[];
}

const key = `lc-sentinel-${crypto.randomUUID()}`;
let project: ConsumerProject;
let simulator: RunningBin;
let manifest: Manifest;

beforeAll(async () => {
  ensureCliBuilt();
  project = await consumerProject();
  simulator = await startBin("node", ["--port", "0", "--key", key, "--boot-ms", "0"]);
  manifest = JSON.parse(
    await readFile(join(project.dir, "node_modules", "lambda-cloud-cli", "package.json"), "utf8"),
  ) as Manifest;
}, 120_000);
afterAll(async () => {
  await simulator?.stop("SIGTERM");
  await project?.dispose();
});

describe("the packed lambda-cloud-cli", () => {
  it("installs the bin lambda-cloud, depends on exactly its four libraries at exact versions, and nothing of this repository", async () => {
    expect(manifest).toMatchObject({
      name: "lambda-cloud-cli",
      type: "module",
      bin: { "lambda-cloud": "./dist/bin.js" },
    });
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      "cli-table3",
      "commander",
      "yocto-spinner",
      "yoctocolors",
    ]);
    for (const version of Object.values(manifest.dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    // The client is bundled: the file: link to the repository is a devDependency, never installed by users.
    expect(manifest.devDependencies).toEqual({ "lambda-cloud": "file:.." });
    const root = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as Manifest;
    expect(root.dependencies).toEqual({ ky: expect.any(String), valibot: expect.any(String) });
    const bundle = await readFile(join(project.dir, "node_modules", "lambda-cloud-cli", "dist", "bin.js"), "utf8");
    const imported = [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)]
      .map((match) => match[1] as string)
      .filter((name) => !name.startsWith("node:"));
    expect([...new Set(imported)].sort()).toEqual(["cli-table3", "commander", "yocto-spinner", "yoctocolors"]);
  });

  const runtimes: [string, () => { file: string; args: string[] }][] = [
    ["node", () => ({ file: binary("node"), args: [] })],
    ["deno", () => ({ file: binary("deno"), args: ["run", "-A", "--no-lock", "--node-modules-dir=manual"] })],
    ["bun", () => ({ file: binary("bun"), args: ["run", "--no-install", "--no-env-file"] })],
  ];
  it.each(runtimes)(
    "runs under %s from node_modules/.bin, against the simulator",
    async (_name, command) => {
      const bin = join(project.dir, "node_modules", ".bin", "lambda-cloud");
      const quiet = { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(project.dir, ".deno"), DO_NOT_TRACK: "1" };
      const version = await run(command(), [bin, "--version"], { cwd: project.dir, env: quiet });
      expect(version.stdout.trim(), version.stderr).toBe(manifest.version);
      const regions = await run(command(), [bin, "regions", "--json"], {
        cwd: project.dir,
        env: { ...quiet, LAMBDA_API_KEY: key, LAMBDA_CLOUD_BASE_URL: simulator.url },
      });
      expect(regions.code, regions.stderr).toBe(0);
      expect((JSON.parse(regions.stdout) as { name: string }[]).map((region) => region.name)).toContain("us-west-1");
      expect(regions.stdout + regions.stderr).not.toContain(key);
    },
    60_000,
  );
});
