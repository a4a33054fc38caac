import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../runtimes/commands";

// A user's bundler (wrangler's esbuild for the sample Worker, `npm start`) reads the built
// package under its "sideEffects": false. Nothing in it may make the bundler warn, such as a
// bare import of a chunk, which the bundler must then ignore.

/** Bundles `source` (resolved from `dir`) as a Worker's bundler would, and returns esbuild's warnings as text. */
async function bundlerWarnings(source: string, dir = repoRoot): Promise<string[]> {
  const result = await build({
    stdin: { contents: source, resolveDir: dir, loader: "js" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
  });
  return result.warnings.map((warning) => `${warning.id}: ${warning.text} (${warning.location?.file ?? "?"})`);
}

describe("bundling the built package", () => {
  it("lambda-cloud, lambda-cloud/proxy and lambda-cloud/testing, imported by name, bundle without a warning", async () => {
    const source = ["lambda-cloud", "lambda-cloud/proxy", "lambda-cloud/testing"]
      .map((name, index) => `export * as entry${index} from "${name}";`)
      .join("\n");
    expect(await bundlerWarnings(source)).toEqual([]);
  });

  it("the check reports an ignored bare import under sideEffects: false", async () => {
    const warnings = await bundlerWarnings(
      'export * from "./entry.js";',
      join(repoRoot, "test/package/fixtures/bare-chunk-import"),
    );
    expect(warnings).toEqual([
      'ignored-bare-import: Ignoring this import because "test/package/fixtures/bare-chunk-import/chunk.js" was marked as having no side effects ' +
        "(test/package/fixtures/bare-chunk-import/entry.js)",
    ]);
  });
});
