// The JSR package (@lambda-cloud/client, jsr.json): `deno publish --dry-run` type-checks every
// entry from the TypeScript sources and lists what would be published, offline (ky and valibot
// come from node_modules through package.json; an empty DENO_DIR shows that nothing is fetched).
// JSR's "no slow types" check is held to where it is known to fail: the valibot schemas, whose
// types are inferred from their definitions (src/schemas/ and the tables built from them).
// `deno doc --lint` (what JSR's documentation score reads) must find every public symbol and
// member documented; the only problems it may report are those slow types and references to
// types it cannot see as exported (valibot's, and the few internal ones listed below).
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binary, describeRun, type RunResult, repoRoot, run } from "../runtimes/commands";

interface JsrManifest {
  name: string;
  version: string;
  exports: Record<string, string>;
}
const jsr = JSON.parse(readFileSync(join(repoRoot, "jsr.json"), "utf8")) as JsrManifest;
const npm = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  version: string;
  exports: Record<string, unknown>;
};

/** The files whose exports JSR cannot type without inference: the valibot schemas and the two tables built from them. */
const SLOW_TYPES_ALLOWED_IN = [/^src\/schemas\/[a-z-]+\.ts$/, /^src\/operation-schemas\.ts$/, /^src\/operations\.ts$/];

/**
 * Internal types that public ones refer to, which `deno doc --lint` reports as `private-type-ref`.
 * They stay unexported on purpose: `RATE_LIMITS` and `operationRoutes` are only the sources of
 * the key unions `RateLimitKind` and `OperationId`,
 * and `Simulator.traffic` exposes only `snapshot()` of the internal `Traffic` (its result type is exported).
 */
const INTERNAL_TYPES_REFERENCED = new Set(["RATE_LIMITS", "operationRoutes", "Traffic"]);

/**
 * The types valibot exports. Its declarations declare each type locally and export them all in one
 * `export { ... }` list, which `deno doc` does not follow, so it reports them as private.
 */
function valibotTypeNames(): Set<string> {
  const declarations = readFileSync(join(repoRoot, "node_modules/valibot/dist/index.d.mts"), "utf8");
  const list = [...declarations.matchAll(/^export \{([^}]*)\};?$/gm)].flatMap(([, names]) => names!.split(","));
  return new Set(
    list
      .map(
        (entry) =>
          entry
            .trim()
            .replace(/^type /, "")
            .split(/\s+as\s+/)
            .at(-1)!,
      )
      .filter(Boolean),
  );
}

const denoDir = await mkdtemp(join(tmpdir(), "lambda-cloud-jsr-deno-dir-"));
afterAll(() => rm(denoDir, { recursive: true, force: true }));

function publishDryRun(flags: readonly string[]): Promise<RunResult> {
  // --allow-dirty: tests run on working trees with uncommitted changes; a real publish runs on a clean one.
  return run({ file: binary("deno"), args: ["publish", "--dry-run", "--allow-dirty", ...flags] }, [], {
    env: { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    timeoutMs: 180_000,
  });
}

/** A problem `deno publish` or `deno doc --lint` reports: its rule, its message, and where (file relative to the repository). */
interface DenoProblem {
  readonly kind: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

function denoProblems(output: string): DenoProblem[] {
  return [...output.matchAll(/error\[([a-z-]+)\]: ([^\n]*)\n\s*--> (\S+?):(\d+):\d+/g)].map(
    ([, kind, message, file, line]) => ({
      kind: kind!,
      message: message!,
      file: file!.replace(`${repoRoot}/`, ""),
      line: Number(line),
    }),
  );
}

const isSlowType = (problem: DenoProblem): boolean => problem.kind.startsWith("missing-explicit-");
const inSchemaFiles = (problem: DenoProblem): boolean =>
  SLOW_TYPES_ALLOWED_IN.some((pattern) => pattern.test(problem.file));
const show = (problem: DenoProblem): string => `${problem.file}:${problem.line} ${problem.kind}: ${problem.message}`;

describe("JSR package @lambda-cloud/client", () => {
  it("has the npm package's version and one export per npm entry point, each with @module docs", () => {
    expect(jsr.name).toBe("@lambda-cloud/client");
    expect(jsr.version, "jsr.json and package.json must carry the same version").toBe(npm.version);
    expect(Object.keys(jsr.exports)).toEqual(
      Object.keys(npm.exports).filter((subpath) => subpath !== "./package.json"),
    );
    for (const file of Object.values(jsr.exports)) {
      const opening = readFileSync(join(repoRoot, file), "utf8").match(/^\/\*\*[\s\S]*?\*\//)?.[0] ?? "";
      expect(opening, `${file} opens with a doc comment tagged @module, for JSR and deno doc`).toMatch(
        /\n \* @module\n/,
      );
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
    expect(published.filter((path) => !/^src\/.+\.ts$/.test(path)).sort()).toEqual([
      "LICENSE",
      "README.md",
      "jsr.json",
    ]);
    expect(published.filter((path) => path.startsWith("src/testing/bin"))).toEqual([]);
  }, 200_000);

  it("has slow types only in the schema declarations (src/schemas/ and the tables built from them)", async () => {
    const result = await publishDryRun([]);
    const problems = denoProblems(result.stdout + result.stderr).filter(isSlowType);
    // The check itself ran and found the known ones, so an empty list below is not a silent pass.
    expect(problems.length, describeRun(result)).toBeGreaterThan(0);
    const elsewhere = problems.filter((problem) => !inSchemaFiles(problem)).map(show);
    expect(
      elsewhere,
      "Give these exports an explicit type (JSR's slow-types rule: https://jsr.io/docs/about-slow-types)",
    ).toEqual([]);
  }, 200_000);

  it("passes deno doc --lint on every entry but for the schemas' slow types and types it cannot see exported", async () => {
    const result = await run({ file: binary("deno"), args: ["doc", "--lint", ...Object.values(jsr.exports)] }, [], {
      env: { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      timeoutMs: 120_000,
    });
    const output = result.stdout + result.stderr;
    const problems = denoProblems(output);
    // deno doc ran and read the entries: it reports the schemas' known slow types (and counts every problem it reports).
    expect(problems.filter(isSlowType).length, describeRun(result)).toBeGreaterThan(0);
    expect(output).toContain(`Found ${problems.length} documentation lint error`);
    const valibotTypes = valibotTypeNames();
    expect(valibotTypes).toContain("InferOutput");
    const unexpected = problems.filter((problem) => {
      if (isSlowType(problem)) return !inSchemaFiles(problem);
      const privateType =
        problem.kind === "private-type-ref"
          ? problem.message.match(/references private type '([^']+)'$/)?.[1]
          : undefined;
      return (
        privateType === undefined || !(valibotTypes.has(privateType) || INTERNAL_TYPES_REFERENCED.has(privateType))
      );
    });
    expect(
      unexpected.map(show),
      "Document these (one-line TSDoc; @default where it applies) or give them explicit types",
    ).toEqual([]);
  }, 150_000);
});
