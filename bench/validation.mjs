// Validation throughput: how many instances per second the client's response schema for
// `instances.list()` validates, parsing 10,000 instances at a time (median of the rounds).
//
//   npx node bench/validation.mjs [--instances 10000] [--rounds 15]
import { operations } from "lambda-cloud";
import * as v from "valibot";
import { makeInstances, measureRounds } from "./stats.mjs";

/** Measures; resolves with the median milliseconds per batch and instances per second. */
export async function validationThroughput({ instances = 10_000, rounds = 15 } = {}) {
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
  const ms = results.parse.median;
  return { instances, rounds, medianMs: ms, perSecond: (instances / ms) * 1000 };
}

export function describeValidation(r) {
  return `validation throughput (${r.instances} instances, median of ${r.rounds} rounds): ${Math.round(r.perSecond).toLocaleString("en-US")} instances/s (${r.medianMs.toFixed(1)} ms per batch)`;
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  console.log(
    describeValidation(
      await validationThroughput({ instances: option("--instances", 10_000), rounds: option("--rounds", 15) }),
    ),
  );
}
