// Per-call overhead: sequential `instances.list()` calls answered with 100 instances by a local
// keep-alive server, through raw fetch + JSON.parse, through the client with response
// validation, and through the client without it, alternating call by call. The client's rate
// limiter is off.
//
//   npx node bench/per-call.mjs [--calls 2000] [--rounds 7]
import { LambdaCloudClient } from "lambda-cloud";
import { startFixtureServer } from "./child-server.mjs";
import { measureInterleaved, ratio } from "./stats.mjs";

const apiKey = `bench-${crypto.randomUUID()}`;

/** Measures; resolves with the median milliseconds per variant and the ratios to raw fetch. */
export async function perCallOverhead({ calls = 2_000, rounds = 7 } = {}) {
  const server = await startFixtureServer(100);
  try {
    const url = `${server.baseUrl}/instances`;
    const headers = { authorization: `Bearer ${apiKey}`, accept: "application/json" };
    const client = (validateResponses) => new LambdaCloudClient({ apiKey, baseUrl: server.baseUrl, rateLimit: false, validateResponses });
    const validating = client(true);
    const trusting = client(false);
    const expectingAll = (call) => async () => {
      const instances = await call();
      if (instances.length !== 100) throw new Error(`expected 100 instances, got ${instances.length}`);
    };
    const results = await measureInterleaved(
      {
        raw: expectingAll(async () => JSON.parse(await (await fetch(url, { headers })).text()).data),
        validated: expectingAll(() => validating.instances.list()),
        unvalidated: expectingAll(() => trusting.instances.list()),
      },
      calls,
      rounds,
    );
    const raw = results.raw.median;
    return {
      calls,
      rounds,
      medianMs: { raw, validated: results.validated.median, unvalidated: results.unvalidated.median },
      validatedRatio: results.validated.median / raw,
      unvalidatedRatio: results.unvalidated.median / raw,
    };
  } finally {
    await server.stop();
  }
}

/** One line per figure. */
export function describePerCall(r) {
  const perCall = (ms) => `${((ms / r.calls) * 1000).toFixed(0)} µs/call`;
  return [
    `per-call overhead (${r.calls} sequential instances.list() of 100 instances, median of ${r.rounds} rounds):`,
    `  raw fetch + JSON.parse      ${perCall(r.medianMs.raw)}  1.00×`,
    `  client, validated           ${perCall(r.medianMs.validated)}  ${ratio(r.medianMs.validated, r.medianMs.raw)}  (target ≤ 1.10×)`,
    `  client, not validated       ${perCall(r.medianMs.unvalidated)}  ${ratio(r.medianMs.unvalidated, r.medianMs.raw)}`,
  ].join("\n");
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  console.log(describePerCall(await perCallOverhead({ calls: option("--calls", 2_000), rounds: option("--rounds", 7) })));
}
