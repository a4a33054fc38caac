// The published declarations (dist/**/*.d.ts, with ky's and valibot's) compile in a user's project
// under the oldest TypeScript we support and under the newest, with both module resolutions a
// user may pick. The oldest is the `typescript5` devDependency (5.1: valibot's declarations need
// 5.1, so 5.0 fails with skipLibCheck off); the newest is the `typescript` devDependency (6.0).
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binary, describeRun, repoRoot, run } from "../runtimes/commands";

const fixture = join(repoRoot, "test/package/fixtures/declarations");
const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};

/** Each TypeScript we check with: the package that installs it and the release package.json pins. */
const compilers = [
  {
    label: "oldest supported",
    packageName: "typescript5",
    version: manifest.devDependencies.typescript5!.replace(/^npm:typescript@/, ""),
  },
  { label: "newest", packageName: "typescript", version: manifest.devDependencies.typescript! },
];
const resolutions = [
  { module: "NodeNext", moduleResolution: "NodeNext" },
  { module: "ESNext", moduleResolution: "Bundler" },
];

function tsc(packageName: string, args: readonly string[]) {
  return run({ file: binary("node"), args: [join(repoRoot, "node_modules", packageName, "bin", "tsc")] }, args, {
    cwd: fixture,
  });
}

// A consumer that misuses the types must fail, so a pass above means the declarations were
// checked. It lives inside the repository (so "lambda-cloud" resolves to it by name), in the
// git-ignored test-artifacts/.
await mkdir(join(repoRoot, "test-artifacts"), { recursive: true });
const misuseDir = await mkdtemp(join(repoRoot, "test-artifacts", "declarations-misuse-"));
afterAll(() => rm(misuseDir, { recursive: true, force: true }));

describe("published declarations under each supported TypeScript", () => {
  it("pins 5.1 as the oldest release and 6.0 as the newest", () => {
    expect(compilers.map((compiler) => compiler.version.split(".").slice(0, 2).join("."))).toEqual(["5.1", "6.0"]);
  });

  it("leaves the project's own tsc (node_modules/.bin/tsc, used by npm run typecheck) at the newest", async () => {
    // Both packages ship a `tsc` bin; `npm ci` links the one of `typescript`, but adding `typescript5`
    // with `npm install` can link its own instead.
    const result = await run({ file: binary("tsc"), args: [] }, ["--version"]);
    expect(result.stdout.trim(), "node_modules/.bin/tsc is not the `typescript` devDependency: run `npm ci`").toBe(
      `Version ${compilers[1]!.version}`,
    );
  });

  for (const compiler of compilers) {
    it(`runs TypeScript ${compiler.version} (${compiler.label})`, async () => {
      const result = await tsc(compiler.packageName, ["--version"]);
      expect(result.stdout.trim()).toBe(`Version ${compiler.version}`);
    });

    for (const { module, moduleResolution } of resolutions) {
      it(`compiles a consumer of every entry point with TypeScript ${compiler.version}, moduleResolution ${moduleResolution}, skipLibCheck off`, async () => {
        const result = await tsc(compiler.packageName, [
          "-p",
          ".",
          "--module",
          module,
          "--moduleResolution",
          moduleResolution,
        ]);
        expect(result.code, describeRun(result)).toBe(0);
      }, 120_000);
    }

    it(`rejects a consumer that misuses the types, with TypeScript ${compiler.version}`, async () => {
      await writeFile(
        join(misuseDir, "consumer.ts"),
        'import { NotFoundError } from "lambda-cloud";\nexport const status: 500 = ({} as NotFoundError).status;\n',
      );
      await writeFile(join(misuseDir, "tsconfig.json"), readFileSync(join(fixture, "tsconfig.json")));
      const result = await run(
        { file: binary("node"), args: [join(repoRoot, "node_modules", compiler.packageName, "bin", "tsc")] },
        ["-p", "."],
        { cwd: misuseDir },
      );
      expect(result.code).not.toBe(0);
      expect(result.stdout).toMatch(/TS2322: Type '404' is not assignable to type '500'/);
    }, 120_000);
  }
});
