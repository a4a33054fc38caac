/**
 * The API's documented limits, enforced per key on the simulated clock when `rateLimit` is
 * on: one request per second, and one launch per 12 seconds. A refused request is answered
 * 429 with `Retry-After` and the error envelope, and does not count.
 */
import { SimulatorApiError } from "./envelope.js";

/** Minimum spacing of any two requests with one key. */
export const REQUEST_INTERVAL_MS = 1_000;
/** Minimum spacing of two launches with one key. */
export const LAUNCH_INTERVAL_MS = 12_000;

/** Per-key admission of requests. */
export interface RateLimit {
  /** Admits a request at `now`, or throws a 429 saying how long to wait. */
  admit(keyLrn: string, isLaunch: boolean, now: number): void;
}

/** Creates the per-key limiter. */
export function createRateLimit(): RateLimit {
  const lastRequest = new Map<string, number>();
  const lastLaunch = new Map<string, number>();
  const refuse = (waitMs: number, what: string) =>
    new SimulatorApiError(
      429,
      "global/rate-limited",
      `Too many ${what}; the limit is one per ${what === "launches" ? LAUNCH_INTERVAL_MS / 1000 : REQUEST_INTERVAL_MS / 1000} s per API key.`,
      "Retry after the number of seconds in the Retry-After header.",
      { "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))) },
    );
  return {
    admit(keyLrn, isLaunch, now) {
      const sinceRequest = now - (lastRequest.get(keyLrn) ?? -Infinity);
      if (sinceRequest < REQUEST_INTERVAL_MS) throw refuse(REQUEST_INTERVAL_MS - sinceRequest, "requests");
      if (isLaunch) {
        const sinceLaunch = now - (lastLaunch.get(keyLrn) ?? -Infinity);
        if (sinceLaunch < LAUNCH_INTERVAL_MS) throw refuse(LAUNCH_INTERVAL_MS - sinceLaunch, "launches");
        lastLaunch.set(keyLrn, now);
      }
      lastRequest.set(keyLrn, now);
    },
  };
}
