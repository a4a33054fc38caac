// Cold start: what importing "lambda-cloud" costs against importing ky alone, in Node and in
// workerd.
//   Node: a fresh process per run measures the CPU time (and wall time) of `await import(...)` of
//   each module (every run pays Node's lazy load of its fetch implementation, which ky triggers on
//   import). CPU time is what the comparison uses: on a shared machine it wanders far less.
//   workerd: each module is bundled (esbuild, as wrangler does) into a Worker whose only handler
//   is `test()`, and `workerd test` starts ten copies of it cold (ten isolates, each compiling and
//   evaluating the script): its wall time, less that of ten empty Workers, over ten, is the startup
//   cost of one isolate. Ten copies lift that cost above the noise of workerd's own start.
//   "lambda-cloud without ky" is the package with ky replaced by an empty module of the same
//   exports (a resolve hook in Node, an esbuild plugin for workerd): what the package costs
//   beyond ky, and what importing it would cost if ky were loaded only at the first request.
// Runs alternate between the modules; medians.
//
//   npx node bench/import-time.mjs [--runs 21]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { commandLineOptions, median } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
const workerd = join(root, "node_modules/workerd/bin/workerd");

/** lambda-cloud with ky replaced by {@link KY_STAND_IN}. */
const WITHOUT_KY = "lambda-cloud without ky";

/** The modules compared, by what a program writes to import them. */
const MODULES = { ky: "ky", valibot: "valibot", "lambda-cloud": "lambda-cloud", [WITHOUT_KY]: "lambda-cloud" };

/** Stands in for ky where it is left out: the names lambda-cloud imports from it, and nothing else. */
const KY_STAND_IN =
  "export default { create() {} }; export class HTTPError {} export class NetworkError {} export class TimeoutError {}";

/** Node code that resolves `ky` to {@link KY_STAND_IN}. */
const kyLeftOutInNode =
  `(await import("node:module")).registerHooks({ resolve: (specifier, context, next) => specifier === "ky"` +
  ` ? { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(KY_STAND_IN)}`)}, shortCircuit: true }` +
  ` : next(specifier, context) });`;

/** An esbuild plugin that bundles {@link KY_STAND_IN} in place of ky. */
const kyLeftOutInBundle = {
  name: "ky-left-out",
  setup(bundle) {
    bundle.onResolve({ filter: /^ky$/ }, () => ({ path: "ky", namespace: "ky-left-out" }));
    bundle.onLoad({ filter: /.*/, namespace: "ky-left-out" }, () => ({ contents: KY_STAND_IN, loader: "js" }));
  },
};

/** Isolates per workerd run. */
const COPIES = 10;

/** `[cpu, wall]` milliseconds of importing the module `name` in a fresh Node process. */
function nodeImportMs(name) {
  const source =
    (name === WITHOUT_KY ? kyLeftOutInNode : "") +
    `const cpu = process.cpuUsage(), start = performance.now(); await import(${JSON.stringify(MODULES[name])});` +
    `const used = process.cpuUsage(cpu); console.log((used.user + used.system) / 1000, performance.now() - start);`;
  return execFileSync(process.execPath, ["--input-type=module", "--eval", source], { cwd: root, encoding: "utf8" })
    .trim()
    .split(" ")
    .map(Number);
}

/**
 * The Worker measured only in workerd: lambda-cloud without ky with its bundled code inside a
 * function that is never called, so V8 parses it (as it must any script) but runs none of it.
 * Its start against {@link WITHOUT_KY}'s splits that into parsing and running the top level.
 */
const PARSED_ONLY = `${WITHOUT_KY}, parsed only`;

/** The code of a Worker that imports `specifier` (nothing when `null`), as wrangler would bundle it. */
async function bundledImport(specifier, { withoutKy }) {
  const entry =
    specifier === null ? "" : `import * as all from ${JSON.stringify(specifier)};\nglobalThis.loaded = all;\n`;
  const { outputFiles } = await build({
    stdin: { contents: entry, resolveDir: root, loader: "js" },
    plugins: withoutKy ? [kyLeftOutInBundle] : [],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    write: false,
    logLevel: "silent",
  });
  return outputFiles[0].text;
}

/** Writes `code` as a Worker with a `test()` handler, and a workerd config of {@link COPIES} of it; returns the config's path. */
function writeWorker(dir, name, code) {
  const file = name.replaceAll(/[ ,]+/g, "-");
  writeFileSync(join(dir, `${file}.js`), `${code}export default { test() {} };\n`);
  const config = join(dir, `${file}.capnp`);
  const copies = Array.from({ length: COPIES }, (_, i) => i);
  writeFileSync(
    config,
    `using Workerd = import "/workerd/workerd.capnp";\n` +
      `const config :Workerd.Config = (services = [${copies.map((i) => `(name = "w${i}", worker = .w${i})`).join(", ")}]);\n` +
      copies
        .map(
          (i) =>
            `const w${i} :Workerd.Worker = (modules = [(name = "worker", esModule = embed "${file}.js")], compatibilityDate = "2026-10-01", compatibilityFlags = ["nodejs_compat"]);\n`,
        )
        .join(""),
  );
  return config;
}

/** Writes one Worker per module (and an empty one, and {@link PARSED_ONLY}); resolves with their config paths. */
async function workerdConfigs(dir) {
  const code = {};
  for (const [name, specifier] of Object.entries({ empty: null, ...MODULES }))
    code[name] = await bundledImport(specifier, { withoutKy: name === WITHOUT_KY });
  code[PARSED_ONLY] = `function neverCalled() {\n${code[WITHOUT_KY]}\n}\nglobalThis.neverCalled = neverCalled;\n`;
  return Object.fromEntries(Object.entries(code).map(([name, text]) => [name, writeWorker(dir, name, text)]));
}

function workerdStartMs(config) {
  const start = performance.now();
  execFileSync(workerd, ["test", config], { stdio: "ignore" });
  return performance.now() - start;
}

/** Measures; resolves with the medians in milliseconds per module and runtime. */
export async function importTime({ runs = 21 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "lambda-cloud-import-"));
  try {
    const configs = await workerdConfigs(dir);
    const node = Object.fromEntries(Object.keys(MODULES).map((name) => [name, []]));
    const nodeWall = Object.fromEntries(Object.keys(MODULES).map((name) => [name, []]));
    const worker = Object.fromEntries(Object.keys(configs).map((name) => [name, []]));
    for (const name of Object.keys(MODULES)) nodeImportMs(name); // warm the file system cache
    for (const config of Object.values(configs)) workerdStartMs(config);
    for (let i = 0; i < runs; i++) {
      for (const name of Object.keys(MODULES)) {
        const [cpu, wall] = nodeImportMs(name);
        node[name].push(cpu);
        nodeWall[name].push(wall);
      }
      for (const [name, config] of Object.entries(configs)) worker[name].push(workerdStartMs(config));
    }
    const medians = (lists) => Object.fromEntries(Object.entries(lists).map(([name, list]) => [name, median(list)]));
    const perIsolate = Object.fromEntries(Object.entries(medians(worker)).map(([name, ms]) => [name, ms / COPIES]));
    return { runs, nodeMs: medians(node), nodeWallMs: medians(nodeWall), workerdMs: perIsolate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeImportTime(r) {
  const { nodeMs: n, nodeWallMs: nw, workerdMs: w } = r;
  const names = Object.keys(MODULES);
  const vsKy = (ours, ky) => `${(ours - ky).toFixed(1)} ms more than ky`;
  const started = (name) => w[name] - w.empty;
  const each = (ms, sign = "") => names.map((name) => `${name} ${sign}${ms(name).toFixed(1)} ms`).join(", ");
  const parsedShare = started(PARSED_ONLY) / started(WITHOUT_KY);
  return [
    `import time (cold processes, median of ${r.runs} runs each; "without ky": ky replaced by an empty module):`,
    `  Node, CPU of await import(…):  ${each((name) => n[name])}  → ${vsKy(n["lambda-cloud"], n.ky)}`,
    `    (wall time: ${each((name) => nw[name])})`,
    `  workerd, start of one isolate beyond an empty Worker's (${w.empty.toFixed(1)} ms):  ${each(started, "+")}  → ${vsKy(started("lambda-cloud"), started("ky"))}`,
    `    of ${WITHOUT_KY}'s +${started(WITHOUT_KY).toFixed(1)} ms, parsing its code alone (none of it run) takes +${started(PARSED_ONLY).toFixed(1)} ms (${(parsedShare * 100).toFixed(0)} %)`,
  ].join("\n");
}

if (import.meta.main) {
  console.log(describeImportTime(await importTime(commandLineOptions({ runs: 21 }))));
}
