// VERSION goes into the User-Agent, so it must be the published version: the release step
// (`npm run version`) writes src/version.ts from package.json with scripts/write-version.ts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { versionModule, writeVersion } from "../../scripts/write-version.ts";
import { VERSION } from "../../src/index.js";

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
