// Small helpers shared by the benchmarks: rounds, medians, ratios, and the machine description.
import { cpus, totalmem } from "node:os";
import { instance } from "../test/helpers/payloads.ts";

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs every variant once per round, in the same order each round (so drift of the machine
 * hits all of them alike), after one warm-up round that is not counted. Returns, per variant,
 * the median duration in milliseconds and every round's duration.
 */
export async function measureRounds(variants, rounds) {
  const durations = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    for (const [name, runOnce] of Object.entries(variants)) {
      const start = performance.now();
      await runOnce();
      if (round >= 0) durations[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(
    Object.entries(durations).map(([name, list]) => [name, { median: median(list), rounds: list }]),
  );
}

/**
 * Like {@link measureRounds} for variants that are single calls: each round makes `calls` calls
 * of every variant, alternating variants every `batch` calls (so a busy moment of a shared
 * machine costs all of them alike, while the garbage a variant leaves is mostly collected in its
 * own batch) and starting each batch with the next variant in turn; sums each variant's time.
 * One warm-up round is not counted.
 */
export async function measureInterleaved(variants, calls, rounds, { batch = 1 } = {}) {
  const names = Object.keys(variants);
  const durations = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    const sums = Object.fromEntries(names.map((name) => [name, 0]));
    for (let done = 0, turn = 0; done < calls; done += batch, turn++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(turn + k) % names.length];
        for (let i = done; i < Math.min(done + batch, calls); i++) {
          const start = performance.now();
          await variants[name]();
          sums[name] += performance.now() - start;
        }
      }
    }
    if (round >= 0) for (const name of names) durations[name].push(sums[name]);
  }
  return Object.fromEntries(names.map((name) => [name, { median: median(durations[name]), rounds: durations[name] }]));
}

/** `n` distinct, valid instances shaped like the API's (ids, names and ips differ). */
export function makeInstances(n) {
  return Array.from({ length: n }, (_, i) => ({
    ...instance,
    id: i.toString(16).padStart(32, "0"),
    name: `worker-${i}`,
    ip: `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`,
  }));
}

/**
 * The `--name value` options a benchmark takes when run on its own, each defaulting to the value
 * in `defaults`; a value is read as a number when its default is one.
 * @example commandLineOptions({ calls: 400, out: "a.cpuprofile" }) // `--calls 50` → { calls: 50, out: "a.cpuprofile" }
 */
export function commandLineOptions(defaults) {
  const args = process.argv.slice(2);
  return Object.fromEntries(
    Object.entries(defaults).map(([name, fallback]) => {
      const at = args.indexOf(`--${name}`);
      if (at < 0) return [name, fallback];
      return [name, typeof fallback === "number" ? Number(args[at + 1]) : args[at + 1]];
    }),
  );
}

/** "1.07×" */
export const ratio = (value, baseline) => `${(value / baseline).toFixed(2)}×`;

/** The machine the figures come from. */
export function machine() {
  const cpu = cpus()[0]?.model ?? "unknown";
  return { cpus: cpus().length, cpu, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}
