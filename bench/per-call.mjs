// Per-call overhead: sequential list-instances calls answered with 100 instances by a local
// keep-alive server, through raw fetch + JSON.parse, through the client with and without
// response validation, through ky alone (set up as the client sets it up: the same timeout,
// retries and redirect policy, the key as a default header), and through the peers openapi-fetch
// and ofetch, the variants taking turns batch by batch. The client's rate limiter is off; no
// variant validates except "validated".
//
//   npx node bench/per-call.mjs [--calls 400] [--rounds 15] [--batch 10]
import ky from "ky";
import { LambdaCloudClient } from "lambda-cloud";
import { ofetch } from "ofetch";
import createOpenApiClient from "openapi-fetch";
import { startFixtureServer } from "./child-server.mjs";
import { commandLineOptions, measureInterleaved, median } from "./stats.mjs";

const apiKey = `bench-${crypto.randomUUID()}`;

/**
 * ky alone, set up as the client sets up its transport: the same per-attempt timeout (30 s),
 * retries (2) and redirect policy (not followed); `extra` adds options such as `fetch` or hooks.
 */
export function kyWithClientSettings(prefix, headers, extra = {}) {
  return ky.create({ prefix, headers, timeout: 30_000, retry: 2, redirect: "manual", ...extra });
}

/** The variants, each measured against the first ("raw"). */
export const PER_CALL_VARIANTS = ["raw", "validated", "unvalidated", "ky", "openapiFetch", "ofetch"];

/**
 * Measures; resolves with, per variant, the median milliseconds per round and the median over
 * rounds of its ratio to raw fetch in the same round (so a busy round weighs on both sides).
 */
export async function perCallOverhead({ calls = 400, rounds = 15, batch = 10 } = {}) {
  const server = await startFixtureServer(100);
  try {
    const origin = new URL(server.baseUrl).origin;
    const url = `${server.baseUrl}/instances`;
    const headers = { authorization: `Bearer ${apiKey}`, accept: "application/json" };
    const client = (validateResponses) =>
      new LambdaCloudClient({ apiKey, baseUrl: server.baseUrl, rateLimit: false, validateResponses });
    const validating = client(true);
    const trusting = client(false);
    /** @type {import("openapi-fetch").Client<import("./openapi-paths").paths>} */
    const openApi = createOpenApiClient({ baseUrl: origin, headers });
    const ofetchApi = ofetch.create({ baseURL: server.baseUrl, headers });
    // What the client costs above its transport.
    const kyApi = kyWithClientSettings(server.baseUrl, headers);
    const expectingAll = (call) => async () => {
      const instances = await call();
      if (instances.length !== 100) throw new Error(`expected 100 instances, got ${instances?.length}`);
    };
    const callOf = {
      raw: async () => JSON.parse(await (await fetch(url, { headers })).text()).data,
      validated: () => validating.instances.list(),
      unvalidated: () => trusting.instances.list(),
      ky: async () => (await kyApi("instances").json()).data,
      openapiFetch: async () => (await openApi.GET("/api/v1/instances")).data.data,
      ofetch: async () => (await ofetchApi("/instances")).data,
    };
    const variants = Object.fromEntries(PER_CALL_VARIANTS.map((name) => [name, expectingAll(callOf[name])]));
    const results = await measureInterleaved(variants, calls, rounds, { batch });
    const raw = results.raw.rounds;
    return {
      calls,
      rounds,
      batch,
      medianMs: Object.fromEntries(PER_CALL_VARIANTS.map((name) => [name, results[name].median])),
      ratios: Object.fromEntries(
        PER_CALL_VARIANTS.map((name) => [name, median(results[name].rounds.map((ms, round) => ms / raw[round]))]),
      ),
    };
  } finally {
    await server.stop();
  }
}

const LABELS = {
  raw: "raw fetch + JSON.parse",
  validated: "lambda-cloud, validated",
  unvalidated: "lambda-cloud, not validated",
  ky: "ky 2.1 alone, same settings",
  openapiFetch: "openapi-fetch 0.17",
  ofetch: "ofetch 1.5",
};

/** One line per variant: time per call and ratio to raw. */
export function describePerCall(r) {
  const perCall = (ms) => `${((ms / r.calls) * 1000).toFixed(0).padStart(5)} µs/call`;
  return [
    `per-call overhead (GET /instances of 100 instances; ${r.calls} sequential calls per variant and round, alternating every ${r.batch}; medians of ${r.rounds} rounds):`,
    ...PER_CALL_VARIANTS.map(
      (name) => `  ${LABELS[name].padEnd(30)}${perCall(r.medianMs[name])}  ${r.ratios[name].toFixed(2)}×`,
    ),
  ].join("\n");
}

if (import.meta.main) {
  console.log(describePerCall(await perCallOverhead(commandLineOptions({ calls: 400, rounds: 15, batch: 10 }))));
}
