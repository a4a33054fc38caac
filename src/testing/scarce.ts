/**
 * Scarce capacity (`scarce: true`, `--scarce`): most (type, region) pairs are empty, and
 * capacity appears and vanishes at random, as on a busy cloud. Each pair's time is cut into
 * windows of `windowMs` (each pair's windows start at a different offset, so pairs do not all
 * change at once); in each window the pair has capacity with probability `chance`. Every draw
 * is a hash of the seed, the pair and the window, read from the simulator's clock: the same seed
 * gives the same appearances at the same simulated times, and a manual clock steps through them.
 */
import type { Catalog } from "./catalog.js";
import { hashOf } from "./random.js";

/** The settings of scarce capacity; each has a default. */
export interface ScarceOptions {
  /** Seed of the draws. @default the simulator's `seed` */
  readonly seed?: number | undefined;
  /** The probability that a pair has capacity during one window, from 0 to 1. @default 0.05 */
  readonly chance?: number | undefined;
  /** How long one draw lasts, in milliseconds of simulated time. @default 60_000 */
  readonly windowMs?: number | undefined;
  /** The most units a pair has when it has any (from 1 to this many). @default 1 */
  readonly maxUnits?: number | undefined;
}

/** The defaults of {@link ScarceOptions}: about one pair in twenty has a unit in any minute. */
export const SCARCE_DEFAULTS = { chance: 0.05, windowMs: 60_000, maxUnits: 1 } as const;

/**
 * The catalog with scarce capacity instead of the seed's figures (pinned and scripted capacity
 * still override it, as they do the seed's).
 * @throws {TypeError} naming every setting that is out of range.
 */
export function withScarceCapacity(catalog: Catalog, scarce: true | ScarceOptions, simulatorSeed: number): Catalog {
  const {
    seed = simulatorSeed,
    chance = SCARCE_DEFAULTS.chance,
    windowMs = SCARCE_DEFAULTS.windowMs,
    maxUnits = SCARCE_DEFAULTS.maxUnits,
  } = scarce === true ? {} : scarce;
  const problems = [
    Number.isInteger(seed) ? "" : `scarce.seed must be an integer, got ${String(seed)}`,
    chance >= 0 && chance <= 1 ? "" : `scarce.chance must be a probability from 0 to 1, got ${String(chance)}`,
    Number.isInteger(windowMs) && windowMs >= 1
      ? ""
      : `scarce.windowMs must be a whole number of milliseconds ≥ 1, got ${String(windowMs)}`,
    Number.isInteger(maxUnits) && maxUnits >= 1
      ? ""
      : `scarce.maxUnits must be a whole number ≥ 1, got ${String(maxUnits)}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new TypeError(`createSimulator: ${problems.join("; ")}.`);
  const threshold = chance * 2 ** 32;
  return {
    ...catalog,
    baseCapacity(type, region, now) {
      const offset = hashOf("scarce-offset", seed, type, region) % windowMs;
      const window = Math.floor((now + offset) / windowMs);
      if (hashOf("scarce", seed, type, region, window) >= threshold) return 0;
      return 1 + (hashOf("scarce-units", seed, type, region, window) % maxUnits);
    },
  };
}
