// The JSR package (@lambda-cloud/client, jsr.json): `deno publish --dry-run` type-checks every
// entry from the TypeScript sources and lists what would be published, offline (ky and valibot
// come from node_modules through package.json; an empty DENO_DIR shows that nothing is fetched).
// JSR's "no slow types" check is held to where it is known to fail: the valibot schemas, whose
// types are inferred from their definitions (src/schemas/ and the tables built from them).
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binary, describeRun, repoRoot, run, type RunResult } from "../runtimes/commands";

interface JsrManifest {
  name: string;
  version: string;
  exports: Record<string, string>;
}
const jsr = JSON.parse(readFileSync(join(repoRoot, "jsr.json"), "utf8")) as JsrManifest;
const npm = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string; exports: Record<string, unknown> };

/** The files whose exports JSR cannot type without inference: the valibot schemas and the two tables built from them. */
const SLOW_TYPES_ALLOWED_IN = [/^src\/schemas\/[a-z-]+\.ts$/, /^src\/operation-schemas\.ts$/, /^src\/operations\.ts$/];

const denoDir = await mkdtemp(join(tmpdir(), "lambda-cloud-jsr-deno-dir-"));
afterAll(() => rm(denoDir, { recursive: true, force: true }));

function publishDryRun(flags: readonly string[]): Promise<RunResult> {
  // --allow-dirty: tests run on working trees with uncommitted changes; a real publish runs on a clean one.
  return run({ file: binary("deno"), args: ["publish", "--dry-run", "--allow-dirty", ...flags] }, [], {
    env: { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    timeoutMs: 180_000,
  });
}

/** Each slow-type problem `deno publish` reports, as `"<file>:<line> <kind>"`. */
function slowTypes(output: string): string[] {
  return [...output.matchAll(/error\[(missing-explicit-[a-z-]+)\][^\n]*\n\s*--> (\S+?):(\d+):\d+/g)].map(
    ([, kind, file, line]) => `${file!.replace(`${repoRoot}/`, "")}:${line} ${kind}`,
  );
}

describe("JSR package @lambda-cloud/client", () => {
  it("has the npm package's version and one export per npm entry point, each with @module docs", () => {
    expect(jsr.name).toBe("@lambda-cloud/client");
    expect(jsr.version, "jsr.json and package.json must carry the same version").toBe(npm.version);
    expect(Object.keys(jsr.exports)).toEqual(Object.keys(npm.exports).filter((subpath) => subpath !== "./package.json"));
    for (const file of Object.values(jsr.exports)) {
      const opening = readFileSync(join(repoRoot, file), "utf8").match(/^\/\*\*[\s\S]*?\*\//)?.[0] ?? "";
      expect(opening, `${file} opens with a doc comment tagged @module, for JSR and deno doc`).toMatch(/\n \* @module\n/);
      expect(opening, `${file}'s module doc has an example`).toContain("@example");
    }
  });

  it("passes deno publish --dry-run offline: every entry type-checks and only sources, README and LICENSE are published", async () => {
    const result = await publishDryRun(["--allow-slow-types"]);
    expect(result.code, describeRun(result)).toBe(0);
    const output = result.stdout + result.stderr;
    for (const file of Object.values(jsr.exports)) expect(output).toContain(`Check ${file.replace(/^\.\//, "")}`);
    const prefix = `file://${repoRoot}/`;
    const published = output
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith(prefix))
      .map((line) => line.slice(prefix.length).replace(/ \(.*\)$/, ""));
    expect(published).toContain("src/index.ts");
    expect(published).toContain("README.md");
    expect(published.filter((path) => !/^src\/.+\.ts$/.test(path)).sort()).toEqual(["LICENSE", "README.md", "jsr.json"]);
    expect(published.filter((path) => path.startsWith("src/testing/bin"))).toEqual([]);
  }, 200_000);

  it("has slow types only in the schema declarations (src/schemas/ and the tables built from them)", async () => {
    const result = await publishDryRun([]);
    const problems = slowTypes(result.stdout + result.stderr);
    // The check itself ran and found the known ones, so an empty list below is not a silent pass.
    expect(problems.length, describeRun(result)).toBeGreaterThan(0);
    const elsewhere = problems.filter((problem) => !SLOW_TYPES_ALLOWED_IN.some((pattern) => pattern.test(problem.split(":")[0]!)));
    expect(elsewhere, "Give these exports an explicit type (JSR's slow-types rule: https://jsr.io/docs/about-slow-types)").toEqual([]);
  }, 200_000);
});
