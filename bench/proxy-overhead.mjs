// Proxy overhead inside workerd: sequential reads of `GET /instances` (100 instances from the
// local fixture server) made by Worker code through createLambdaProxy, against the same Worker
// code calling the same upstream directly with fetch. The timing runs inside workerd
// (bench/proxy-worker.mjs), hosted by wrangler's local dev server, so wrangler's own request
// path is not part of the figure.
//
//   npx node bench/proxy-overhead.mjs [--calls 200] [--rounds 7]
import { unstable_dev } from "wrangler";
import { startFixtureServer } from "./child-server.mjs";
import { median, ratio } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;

/** Measures; resolves with the median milliseconds per variant and the ratio of proxy to direct. */
export async function proxyOverhead({ calls = 200, rounds = 7 } = {}) {
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
    const response = await worker.fetch(`/measure?calls=${calls}&rounds=${rounds}`);
    if (response.status !== 200) throw new Error(`the bench Worker failed (${response.status}): ${await response.text()}`);
    const durations = await response.json();
    const medianMs = { direct: median(durations.direct), proxy: median(durations.proxy) };
    return { calls, rounds, medianMs, ratio: medianMs.proxy / medianMs.direct };
  } finally {
    await worker.stop();
    await server.stop();
  }
}

export function describeProxyOverhead(r) {
  const perCall = (ms) => `${((ms / r.calls) * 1000).toFixed(0)} µs/call`;
  return [
    `proxy overhead in workerd (${r.calls} sequential GET /instances of 100 instances, median of ${r.rounds} rounds):`,
    `  direct fetch to the upstream      ${perCall(r.medianMs.direct)}  1.00×`,
    `  through createLambdaProxy         ${perCall(r.medianMs.proxy)}  ${ratio(r.medianMs.proxy, r.medianMs.direct)}  (target ≤ 1.2×)`,
  ].join("\n");
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  console.log(describeProxyOverhead(await proxyOverhead({ calls: option("--calls", 200), rounds: option("--rounds", 7) })));
}
