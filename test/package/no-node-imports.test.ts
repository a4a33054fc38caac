import { builtinModules } from "node:module";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../runtimes/commands";

// "lambda-cloud" and "lambda-cloud/proxy" run in Workers and browsers, so neither the built
// files nor anything they import (chunks, ky, valibot) may import a Node built-in module.
// esbuild follows the whole import graph from each built entry, as a bundler would.
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Bundles `entry` for the browser and returns each Node built-in import as "importer -> specifier". */
async function nodeImportsReachableFrom(entry: string): Promise<string[]> {
  const found: string[] = [];
  const recordBuiltins: Plugin = {
    name: "record-node-builtins",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (!builtins.has(args.path) && !args.path.startsWith("node:")) return undefined;
        found.push(`${args.importer.replace(`${repoRoot}/`, "")} -> ${args.path}`);
        return { path: args.path, external: true };
      });
    },
  };
  await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    logLevel: "silent",
    plugins: [recordBuiltins],
  });
  return found;
}

describe("built entry points that ship to Workers and browsers", () => {
  it.each(["dist/index.js", "dist/proxy/index.js", "dist/proxy/durable-object.js"])(
    "%s and everything it imports use no node: modules",
    async (entry) => {
      expect(await nodeImportsReachableFrom(entry)).toEqual([]);
    },
  );

  it("the check reports node: and bare built-in imports, also in imported files", async () => {
    expect(await nodeImportsReachableFrom("test/package/fixtures/imports-node.mjs")).toEqual([
      "test/package/fixtures/imports-node.mjs -> node:fs",
      "test/package/fixtures/imports-node-relay.mjs -> os",
    ]);
  });
});
