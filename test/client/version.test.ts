// VERSION goes into the User-Agent, so it must be the published version: the release step
// (`npm run version`) writes src/version.ts from package.json with scripts/write-version.ts.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { versionModule, writeVersion } from "../../scripts/write-version.ts";
import { VERSION } from "../../src/index.js";
import { binary, describeRun, run } from "../runtimes/commands.js";

const root = new URL("../../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  version: string;
  scripts: Record<string, string>;
};

describe("the version", () => {
  it("reports the same version as package.json (it goes into the User-Agent)", () => {
    expect(VERSION).toBe(pkg.version);
  });

  it("is in src/version.ts exactly as the release step writes it", () => {
    expect(readFileSync(new URL("src/version.ts", root), "utf8")).toBe(versionModule(pkg.version));
  });

  it("is written by npm run version, after changeset version bumps package.json", () => {
    expect(pkg.scripts.version).toBe("changeset version && node scripts/write-version.ts");
  });

  it("is taken from package.json by the script, which refuses a version that is not semantic", () => {
    const dir = mkdtempSync(join(tmpdir(), "lambda-cloud-version-"));
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ version: "0.2.0-beta.1" }));
    expect(writeVersion(dir)).toBe("0.2.0-beta.1");
    expect(readFileSync(join(dir, "src", "version.ts"), "utf8")).toContain('export const VERSION = "0.2.0-beta.1";');
    writeFileSync(join(dir, "package.json"), JSON.stringify({ version: "next" }));
    expect(() => writeVersion(dir)).toThrow(
      'package.json\'s version must be a semantic version such as "0.2.0"; got "next".',
    );
  });
});

describe("the release step's changesets", () => {
  // The repository root is both the workspace root and the `lambda-cloud` package, so package.json
  // lists "." among its workspaces: without it changesets finds only the CLI, and every
  // changeset that names `lambda-cloud` fails `changeset version` with "not in the workspace".
  it("plan a release of every package a pending changeset names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lambda-cloud-changesets-"));
    const output = join(dir, "plan.json");
    const result = await run({ file: binary("changeset"), args: [] }, ["status", "--output", output]);
    expect(result.code, describeRun(result)).toBe(0);
    const plan = JSON.parse(readFileSync(output, "utf8")) as { releases: { name: string }[] };
    const planned = new Set(plan.releases.map((release) => release.name));
    const folder = new URL(".changeset/", root);
    const named = readdirSync(folder)
      .filter((file) => file.endsWith(".md") && file !== "README.md")
      .flatMap((file) => [
        ...readFileSync(new URL(file, folder), "utf8").matchAll(/^"([^"]+)": (?:patch|minor|major)$/gm),
      ])
      .map((match) => match[1]);
    for (const name of named) expect(planned, `${name} is named by a changeset`).toContain(name);
    expect(named).toContain("lambda-cloud");
  });
});
