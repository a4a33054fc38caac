// Import time: a cold Node process that imports "lambda-cloud", against a cold Node process
// running an empty module, and against one that only loads Node's fetch implementation (which
// Node loads lazily, on first use of fetch/Request/Response: ky touches Request when imported).
// Each is started many times, alternating; medians of wall-clock time.
//
//   npx node bench/import-time.mjs [--runs 21]
import { execFileSync } from "node:child_process";
import { median } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
const scripts = {
  empty: "",
  fetchOnly: 'new Request("http://127.0.0.1/");',
  import: 'import "lambda-cloud";',
};

function startOnce(source) {
  const start = performance.now();
  execFileSync(process.execPath, ["--input-type=module", "--eval", source], { cwd: root, stdio: "ignore" });
  return performance.now() - start;
}

/** Measures; resolves with the median milliseconds of each script and their ratio. */
export async function importTime({ runs = 21 } = {}) {
  const times = Object.fromEntries(Object.keys(scripts).map((name) => [name, []]));
  startOnce(scripts.import); // warm the file system cache
  for (let i = 0; i < runs; i++) for (const [name, source] of Object.entries(scripts)) times[name].push(startOnce(source));
  const [empty, fetchOnly, imported] = [median(times.empty), median(times.fetchOnly), median(times.import)];
  return { runs, emptyMs: empty, fetchOnlyMs: fetchOnly, importMs: imported, ratio: imported / empty, ratioToFetchOnly: imported / fetchOnly };
}

export function describeImportTime(r) {
  return [
    `import time (cold node process, median of ${r.runs} runs):`,
    `  empty script                 ${r.emptyMs.toFixed(1)} ms  1.00×`,
    `  import "lambda-cloud"        ${r.importMs.toFixed(1)} ms  ${r.ratio.toFixed(2)}× (+${(r.importMs - r.emptyMs).toFixed(1)} ms)`,
    `  new Request() only           ${r.fetchOnlyMs.toFixed(1)} ms  (Node loading its fetch; import is ${r.ratioToFetchOnly.toFixed(2)}× this)`,
  ].join("\n");
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  console.log(describeImportTime(await importTime({ runs: args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 21 })));
}
