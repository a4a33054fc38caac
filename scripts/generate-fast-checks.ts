// Writes src/fast-checks.generated.ts from the response schemas (`npm run generate:fast-checks`).
// The operations table and the schema modules are TypeScript that imports with .js specifiers,
// which Node's type stripping cannot resolve, so they are bundled first (valibot and ky left as
// imports) into node_modules/.cache, where those imports resolve.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { emitFastChecks } from "./fast-checks/emit.ts";
import { schemaNamesOf } from "./fast-checks/schema-names.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const cache = `${root}node_modules/.cache/lambda-cloud-codegen/`;
mkdirSync(cache, { recursive: true });
const schemaModules = readdirSync(`${root}src/schemas`).filter((file) => file.endsWith(".ts"));
await build({
  stdin: {
    contents: [
      `export { operations } from "./src/operation-schemas.ts";`,
      ...schemaModules.map((file) => `export * from "./src/schemas/${file}";`),
    ].join("\n"),
    resolveDir: root,
    loader: "ts",
  },
  outfile: `${cache}index.mjs`,
  bundle: true,
  format: "esm",
  platform: "neutral",
  external: ["ky", "valibot"],
  logLevel: "warning",
});
const source = await import(pathToFileURL(`${cache}index.mjs`).href);
const target = `${root}src/fast-checks.generated.ts`;
writeFileSync(target, emitFastChecks({ operations: source.operations, schemaNames: schemaNamesOf(source) }));
console.log(`generate-fast-checks: wrote ${target.slice(root.length)}`);
