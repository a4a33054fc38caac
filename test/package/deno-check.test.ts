import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { binary, describeRun, type RunResult, repoRoot, run } from "../runtimes/commands";
import { consumerProject } from "./packed";

/**
 * Type-checks `files` (name -> source) as the modules of a Deno project that depends on
 * lambda-cloud. Offline: no remote modules, npm packages only from the project's node_modules
 * (where the packed package is installed, so its declarations resolve as they will for users).
 */
async function denoCheckConsumer(files: Record<string, string>): Promise<RunResult> {
  const project = await consumerProject();
  const denoDir = await mkdtemp(join(tmpdir(), "lambda-cloud-deno-dir-"));
  try {
    for (const [name, source] of Object.entries(files)) await writeFile(join(project.dir, name), source);
    return await run(
      { file: binary("deno"), args: ["check", "--no-remote", "--no-lock", "--node-modules-dir=manual"] },
      Object.keys(files),
      {
        cwd: project.dir,
        env: { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1" },
      },
    );
  } finally {
    await Promise.all([project.dispose(), rm(denoDir, { recursive: true, force: true })]);
  }
}

const readRepoFile = (path: string) => readFile(join(repoRoot, path), "utf8");

describe("deno check of a project using the published package", () => {
  it("passes on a consumer of lambda-cloud, lambda-cloud/proxy and lambda-cloud/testing", async () => {
    const result = await denoCheckConsumer({ "main.ts": await readRepoFile("test/package/fixtures/deno-consumer.ts") });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toContain("Check main.ts");
  }, 120_000);

  it("passes on the Deno examples (examples/deno.ts and examples/deno-proxy.ts), with Deno's own types", async () => {
    const names = ["deno.ts", "deno-proxy.ts", "list-and-launch.ts"];
    const sources = await Promise.all(names.map((name) => readRepoFile(`examples/${name}`)));
    const result = await denoCheckConsumer(Object.fromEntries(names.map((name, index) => [name, sources[index]!])));
    expect(result.code, describeRun(result)).toBe(0);
    for (const name of names) expect(result.stderr).toContain(`Check ${name}`);
  }, 120_000);

  it("fails on a consumer that misuses the types, so a pass means the declarations were checked", async () => {
    const result = await denoCheckConsumer({
      "main.ts":
        'import { LambdaCloudClient } from "lambda-cloud";\nexport const count: number = await new LambdaCloudClient({ apiKey: "k" }).instances.list();\n',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("TS2322");
  }, 120_000);
});
