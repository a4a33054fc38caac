// Cold start: what importing "lambda-cloud" costs against importing ky alone, in Node and in
// workerd.
//   Node: a fresh process per run measures the CPU time (and wall time) of `await import(...)` of
//   each module (every run pays Node's lazy load of its fetch implementation, which ky triggers on
//   import). CPU time is what the comparison uses: on a shared machine it wanders far less.
//   workerd: each module is bundled (esbuild, as wrangler does) into a Worker whose only handler
//   is `test()`, and `workerd test` starts ten copies of it cold (ten isolates, each compiling and
//   evaluating the script): its wall time, less that of ten empty Workers, over ten, is the startup
//   cost of one isolate. Ten copies lift that cost above the noise of workerd's own start.
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

/** The modules compared, by what a program writes to import them. */
const MODULES = { ky: "ky", valibot: "valibot", "lambda-cloud": "lambda-cloud" };

/** Isolates per workerd run. */
const COPIES = 10;

/** `[cpu, wall]` milliseconds of importing `specifier` in a fresh Node process. */
function nodeImportMs(specifier) {
  const source =
    `const cpu = process.cpuUsage(), start = performance.now(); await import(${JSON.stringify(specifier)});` +
    `const used = process.cpuUsage(cpu); console.log((used.user + used.system) / 1000, performance.now() - start);`;
  return execFileSync(process.execPath, ["--input-type=module", "--eval", source], { cwd: root, encoding: "utf8" })
    .trim()
    .split(" ")
    .map(Number);
}

/** Writes one Worker per module (and an empty one) with its workerd config; resolves with the config paths. */
async function workerdConfigs(dir) {
  const configs = {};
  for (const [name, specifier] of Object.entries({ empty: null, ...MODULES })) {
    const entry =
      specifier === null ? "" : `import * as all from ${JSON.stringify(specifier)};\nglobalThis.loaded = all;\n`;
    const script = join(dir, `${name}.js`);
    await build({
      stdin: { contents: `${entry}export default { test() {} };\n`, resolveDir: root, loader: "js" },
      bundle: true,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      outfile: script,
      logLevel: "silent",
    });
    const config = join(dir, `${name}.capnp`);
    const copies = Array.from({ length: COPIES }, (_, i) => i);
    writeFileSync(
      config,
      `using Workerd = import "/workerd/workerd.capnp";\n` +
        `const config :Workerd.Config = (services = [${copies.map((i) => `(name = "w${i}", worker = .w${i})`).join(", ")}]);\n` +
        copies
          .map(
            (i) =>
              `const w${i} :Workerd.Worker = (modules = [(name = "worker", esModule = embed "${name}.js")], compatibilityDate = "2026-10-01", compatibilityFlags = ["nodejs_compat"]);\n`,
          )
          .join(""),
    );
    configs[name] = config;
  }
  return configs;
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
    for (const specifier of Object.values(MODULES)) nodeImportMs(specifier); // warm the file system cache
    for (const config of Object.values(configs)) workerdStartMs(config);
    for (let i = 0; i < runs; i++) {
      for (const [name, specifier] of Object.entries(MODULES)) {
        const [cpu, wall] = nodeImportMs(specifier);
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
  const vsKy = (ours, ky) => `${(ours - ky).toFixed(1)} ms more than ky`;
  return [
    `import time (cold processes, median of ${r.runs} runs each):`,
    `  Node, CPU of await import(…):  ky ${n.ky.toFixed(1)} ms, valibot ${n.valibot.toFixed(1)} ms, lambda-cloud ${n["lambda-cloud"].toFixed(1)} ms  → ${vsKy(n["lambda-cloud"], n.ky)}`,
    `    (wall time: ky ${nw.ky.toFixed(1)} ms, valibot ${nw.valibot.toFixed(1)} ms, lambda-cloud ${nw["lambda-cloud"].toFixed(1)} ms)`,
    `  workerd, start of one isolate beyond an empty Worker's (${w.empty.toFixed(1)} ms):  ky +${(w.ky - w.empty).toFixed(1)} ms, valibot +${(w.valibot - w.empty).toFixed(1)} ms, lambda-cloud +${(w["lambda-cloud"] - w.empty).toFixed(1)} ms  → ${vsKy(w["lambda-cloud"] - w.empty, w.ky - w.empty)}`,
  ].join("\n");
}

if (import.meta.main) {
  console.log(describeImportTime(await importTime(commandLineOptions({ runs: 21 }))));
}
