// Where the client's per-call time goes, without the network: every variant gets the same answer
// (one instance) from a stub fetch, so what remains is each layer's own work. From the bottom:
// the stub and JSON.parse; bare ky; ky with the client's timeout, retries and redirect policy;
// that ky plus an async beforeRequest hook that sets the key, as the client's auth hook does;
// and the client itself, not validated. Variants take turns batch by batch.
//
//   npx node bench/per-call-stub.mjs [--calls 2000] [--rounds 9] [--batch 10]
import ky from "ky";
import { LambdaCloudClient } from "lambda-cloud";
import { kyWithClientSettings } from "./per-call.mjs";
import { commandLineOptions, makeInstances, measureInterleaved } from "./stats.mjs";

const apiKey = `bench-${crypto.randomUUID()}`;
const baseUrl = "http://127.0.0.1:9/api/v1"; // never reached: every variant uses the stub
const answer = JSON.stringify({ data: makeInstances(1) });
const stubFetch = async () => new Response(answer, { headers: { "content-type": "application/json" } });

/** The layers, bottom first. */
export const STUB_VARIANTS = ["raw", "kyBare", "kySettings", "kyKeyHook", "client"];

const LABELS = {
  raw: "stub fetch + JSON.parse",
  kyBare: "ky, no timeout or retries",
  kySettings: "ky, the client's settings",
  kyKeyHook: "… plus a key-setting hook",
  client: "lambda-cloud, not validated",
};

/** Measures; resolves with the median microseconds per call of each variant. */
export async function perCallStub({ calls = 2000, rounds = 9, batch = 10 } = {}) {
  const headers = { authorization: `Bearer ${apiKey}`, accept: "application/json" };
  const bare = ky.create({ prefix: baseUrl, fetch: stubFetch, headers, timeout: false, retry: 0 });
  const settings = kyWithClientSettings(baseUrl, headers, { fetch: stubFetch });
  const keyHook = kyWithClientSettings(
    baseUrl,
    { accept: "application/json" },
    {
      fetch: stubFetch,
      hooks: {
        beforeRequest: [
          async ({ request }) => request.headers.set("authorization", `Bearer ${await Promise.resolve(apiKey)}`),
        ],
      },
    },
  );
  const client = new LambdaCloudClient({
    apiKey,
    baseUrl,
    fetch: stubFetch,
    rateLimit: false,
    validateResponses: false,
  });
  const callOf = {
    raw: async () => JSON.parse(await (await stubFetch(`${baseUrl}/instances`, { headers })).text()).data,
    kyBare: async () => (await bare("instances").json()).data,
    kySettings: async () => (await settings("instances").json()).data,
    kyKeyHook: async () => (await keyHook("instances").json()).data,
    client: () => client.instances.list(),
  };
  const expectingOne = (call) => async () => {
    const instances = await call();
    if (instances.length !== 1) throw new Error(`expected 1 instance, got ${instances?.length}`);
  };
  const variants = Object.fromEntries(STUB_VARIANTS.map((name) => [name, expectingOne(callOf[name])]));
  const results = await measureInterleaved(variants, calls, rounds, { batch });
  return {
    calls,
    rounds,
    microseconds: Object.fromEntries(STUB_VARIANTS.map((name) => [name, (results[name].median / calls) * 1000])),
  };
}

/** One line per layer: its time per call and what it adds to the layer below. */
export function describePerCallStub(r) {
  return [
    `per-call layers with a stub fetch (one instance; ${r.calls} calls per variant and round, medians of ${r.rounds} rounds):`,
    ...STUB_VARIANTS.map((name, i) => {
      const here = r.microseconds[name];
      const step = i === 0 ? undefined : here - r.microseconds[STUB_VARIANTS[i - 1]];
      const added = step === undefined ? "" : `  ${step < 0 ? "−" : "+"}${Math.abs(step).toFixed(1)}`;
      return `  ${LABELS[name].padEnd(30)}${here.toFixed(1).padStart(6)} µs/call${added}`;
    }),
  ].join("\n");
}

if (import.meta.main) {
  console.log(describePerCallStub(await perCallStub(commandLineOptions({ calls: 2000, rounds: 9, batch: 10 }))));
}
