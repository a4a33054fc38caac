// Proxy overhead inside workerd: sequential reads of `GET /instances` (100 instances, about
// 90 kB, from the local fixture server) made by Worker code through createLambdaProxy, against
// the same Worker code calling the same upstream directly with fetch, and the steps of the
// proxy's handling of the answer in between (see bench/proxy-worker.mjs). The timing runs inside
// workerd, hosted by wrangler's local dev server, so wrangler's own request path is not part of
// the figure. Beside the wall time measured in workerd, the runner reads the CPU time workerd
// used for each block of calls (from /proc): on a busy machine wall times wander, CPU time much less.
//
//   npx node bench/proxy-overhead.mjs [--calls 100] [--rounds 21]
import { unstable_dev } from "wrangler";
import { cpuMs, descendantsNamed } from "../test/helpers/processes.ts";
import { startFixtureServer } from "./child-server.mjs";
import { commandLineOptions, median } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;

/** The variants, in the order they run each round; every ratio is to "direct". */
export const PROXY_VARIANTS = ["direct", "passBody", "readWhole", "scan", "parse", "check", "stream", "proxy"];

/**
 * Measures; resolves with, per variant, the median milliseconds per round (wall time in workerd,
 * and workerd's CPU time) and the median over rounds of its ratio to the direct fetch of the same round.
 */
export async function proxyOverhead({ calls = 100, rounds = 21 } = {}) {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  const server = await startFixtureServer(100);
  // wrangler bundles the Worker (resolving lambda-cloud to dist/) and runs it in workerd.
  const worker = await unstable_dev(`${root}bench/proxy-worker.mjs`, {
    config: `${root}bench/wrangler.jsonc`,
    ip: "127.0.0.1",
    port: 0,
    vars: { UPSTREAM: server.baseUrl, API_KEY: `bench-${crypto.randomUUID()}` },
    logLevel: "none",
    experimental: { disableExperimentalWarning: true },
  });
  try {
    const wall = Object.fromEntries(PROXY_VARIANTS.map((name) => [name, []]));
    const cpu = Object.fromEntries(PROXY_VARIANTS.map((name) => [name, []]));
    for (let round = -1; round < rounds; round++) {
      for (const name of PROXY_VARIANTS) {
        // Looked up per block: wrangler may restart workerd, and a stale pid would read nothing.
        const workerd = descendantsNamed("workerd");
        const cpuBefore = cpuMs(workerd);
        const response = await worker.fetch(`/measure?variant=${name}&calls=${calls}`);
        if (response.status !== 200)
          throw new Error(`the bench Worker failed (${response.status}): ${await response.text()}`);
        const { ms } = await response.json();
        if (round >= 0) {
          wall[name].push(ms);
          cpu[name].push(cpuMs(workerd) - cpuBefore);
        }
      }
    }
    const medians = (lists) => Object.fromEntries(PROXY_VARIANTS.map((name) => [name, median(lists[name])]));
    return {
      calls,
      rounds,
      medianMs: medians(wall),
      cpuMs: medians(cpu),
      ratios: Object.fromEntries(
        PROXY_VARIANTS.map((name) => [name, median(wall[name].map((ms, i) => ms / wall.direct[i]))]),
      ),
    };
  } finally {
    await worker.stop();
    await server.stop();
  }
}

const LABELS = {
  direct: "direct fetch to the upstream",
  passBody: "  body passed on untouched",
  readWhole: "  body read whole (BYOB)",
  scan: "  … decoded, scanned for the key",
  parse: "  … checked with JSON.parse (before)",
  check: "  … or checked on its bytes (now)",
  stream: "  body streamed through the scrubber",
  proxy: "through createLambdaProxy",
};

export function describeProxyOverhead(r) {
  const perCall = (ms) => `${((ms / r.calls) * 1000).toFixed(0).padStart(5)} µs/call`;
  return [
    `proxy overhead in workerd (${r.calls} sequential GET /instances of 100 instances per variant and round; medians of ${r.rounds} rounds):`,
    `  ${"".padEnd(36)}${"wall time".padStart(13)}  ratio  ${"workerd CPU".padStart(13)}`,
    ...PROXY_VARIANTS.map(
      (name) =>
        `  ${LABELS[name].padEnd(36)}${perCall(r.medianMs[name])}  ${r.ratios[name].toFixed(2)}×  ${perCall(r.cpuMs[name])}${name === "proxy" ? "  (target ≤ 1.3×)" : ""}`,
    ),
  ].join("\n");
}

if (import.meta.main) {
  console.log(describeProxyOverhead(await proxyOverhead(commandLineOptions({ calls: 100, rounds: 21 }))));
}
