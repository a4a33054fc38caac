// What takes the space in a size-limited entry: bundles it the way .size-limit.mjs measures it
// (one named import, tree-shaken, minified) with esbuild from the TypeScript sources, and prints
// the minified bytes per package, per source folder and per file from esbuild's metafile, plus
// the gzipped size of the whole bundle and of the bundle without each dependency.
//
//   npx node bench/size-analysis.mjs            LambdaCloudClient from src/index.ts
//   npx node bench/size-analysis.mjs proxy      createLambdaProxy from src/proxy/index.ts
//   npx node bench/size-analysis.mjs --metafile out.json   also write the metafile

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const entries = {
  client: { file: "src/index.ts", name: "LambdaCloudClient" },
  proxy: { file: "src/proxy/index.ts", name: "createLambdaProxy" },
};
const args = process.argv.slice(2);
const which = args.find((arg) => arg in entries) ?? "client";
const metafilePath = args.includes("--metafile") ? args[args.indexOf("--metafile") + 1] : undefined;
const entry = entries[which];
const root = resolve(import.meta.dirname, "..");

async function bundle(external = []) {
  const result = await build({
    stdin: { contents: `export { ${entry.name} } from "./${entry.file}";`, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    external,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0].contents, metafile: result.metafile };
}

/** "node_modules/ky/distribution/core/Ky.js" -> "ky"; "src/transport/x.ts" -> "lambda-cloud". */
function packageOf(input) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match ? match[1] : "lambda-cloud";
}

/** "src/transport/x.ts" -> "src/transport/"; "src/errors.ts" -> "src/errors.ts"; dependencies by package. */
function areaOf(input) {
  if (packageOf(input) !== "lambda-cloud") return packageOf(input);
  const parts = input.split("/");
  return parts.length > 2 ? `${parts.slice(0, 2).join("/")}/` : input;
}

/** Sums `bytesInOutput` by `keyOf(input)`, largest first. */
function sumBy(inputs, keyOf) {
  const sums = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(inputs))
    sums.set(keyOf(input), (sums.get(keyOf(input)) ?? 0) + bytesInOutput);
  return [...sums].sort((a, b) => b[1] - a[1]);
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const { code, metafile } = await bundle();
const inputs = Object.values(metafile.outputs)[0].inputs;
const byPackage = new Map(sumBy(inputs, packageOf));

console.log(
  `${entry.name} from ${entry.file}: ${kB(code.length)} minified, ${kB(gzipSync(code).length)} minified+gzipped\n`,
);
console.log("minified bytes per package:");
for (const [name, bytes] of byPackage) console.log(`  ${name.padEnd(14)} ${kB(bytes)}`);

console.log("\nminified bytes per source folder:");
for (const [area, bytes] of sumBy(inputs, areaOf)) console.log(`  ${area.padEnd(26)} ${kB(bytes)}`);

console.log("\ngzipped size without each dependency (marked external):");
for (const name of [...byPackage.keys()].filter((name) => name !== "lambda-cloud")) {
  const without = await bundle([name]);
  console.log(`  without ${name.padEnd(10)} ${kB(gzipSync(without.code).length)}`);
}

console.log("\nlargest inputs (minified bytes):");
const largest = Object.entries(inputs)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
  .slice(0, 25);
for (const [input, { bytesInOutput }] of largest) console.log(`  ${kB(bytesInOutput).padStart(9)}  ${input}`);

if (metafilePath) writeFileSync(metafilePath, JSON.stringify(metafile));
