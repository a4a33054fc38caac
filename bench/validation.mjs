// Validation: what checking an answer costs per instance, two ways.
//   the client: `instances.list()` with `validateResponses` on and off, against a fetch that
//     answers every call with the same prepared 100-instance body (no network), interleaved; the
//     difference over 100 is what the client's check of one instance costs, as a program pays it
//     (the generated fast checks of src/fast-checks.generated.ts; valibot runs only on a refusal);
//   valibot: `safeParse` of the response schema over 10,000 instances at a time, the path that
//     builds the report of an invalid answer, and the source of truth the fast checks agree with.
//
//   npx node bench/validation.mjs [--calls 1000] [--instances 10000] [--rounds 15]
import { LambdaCloudClient, operations } from "lambda-cloud";
import * as v from "valibot";
import { commandLineOptions, makeInstances, measureInterleaved, measureRounds, median } from "./stats.mjs";

/** The instances in each answer the client lists. */
const PER_ANSWER = 100;

/** Median microseconds per instance that the client's check adds to `instances.list()`. */
async function clientCheck(calls, rounds) {
  const body = JSON.stringify({ data: makeInstances(PER_ANSWER) });
  const fetch = async () => new Response(body, { headers: { "content-type": "application/json" } });
  const apiKey = `bench-${crypto.randomUUID()}`;
  const list = (validateResponses) => {
    const client = new LambdaCloudClient({ apiKey, fetch, rateLimit: false, validateResponses });
    return async () => {
      const instances = await client.instances.list();
      if (instances.length !== PER_ANSWER) throw new Error(`expected ${PER_ANSWER} instances, got ${instances.length}`);
    };
  };
  const results = await measureInterleaved({ validated: list(true), trusted: list(false) }, calls, rounds, {
    batch: 10,
  });
  const perInstance = results.validated.rounds.map(
    (ms, round) => ((ms - results.trusted.rounds[round]) / calls / PER_ANSWER) * 1000,
  );
  return {
    perInstanceUs: median(perInstance),
    callUs: { validated: (results.validated.median / calls) * 1000, trusted: (results.trusted.median / calls) * 1000 },
  };
}

/** Median milliseconds per batch of valibot's `safeParse`. */
async function valibotParse(instances, rounds) {
  const batch = makeInstances(instances);
  const schema = operations.listInstances.response;
  const results = await measureRounds(
    {
      parse: () => {
        const result = v.safeParse(schema, batch);
        if (!result.success) throw new Error(`the batch is invalid: ${result.issues[0]?.message}`);
      },
    },
    rounds,
  );
  return results.parse.median;
}

/** Measures; resolves with the client's cost per instance and valibot's throughput. */
export async function validationThroughput({ calls = 1000, instances = 10_000, rounds = 15 } = {}) {
  const client = await clientCheck(calls, rounds);
  const ms = await valibotParse(instances, rounds);
  return { calls, instances, rounds, client, valibot: { medianMs: ms, perInstanceUs: (ms / instances) * 1000 } };
}

export function describeValidation(r) {
  const us = (value) => `${value.toFixed(2)} µs`;
  return [
    `validation, per instance (medians of ${r.rounds} rounds):`,
    `  the client's check (validated − not validated list() of ${PER_ANSWER}, ${r.calls} calls each, no network): ${us(r.client.perInstanceUs)}  (target about 1 µs)`,
    `    per call: validated ${us(r.client.callUs.validated)}, not validated ${us(r.client.callUs.trusted)}`,
    `  valibot safeParse (${r.instances} instances a batch; the report path of a refused answer): ${us(r.valibot.perInstanceUs)} (${Math.round(1000 / r.valibot.perInstanceUs).toLocaleString("en-US")} instances/ms)`,
  ].join("\n");
}

if (import.meta.main) {
  const options = commandLineOptions({ calls: 1000, instances: 10_000, rounds: 15 });
  console.log(describeValidation(await validationThroughput(options)));
}
