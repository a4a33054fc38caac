/**
 * The API's documented limits (`RATE_LIMITS`), enforced per key on the simulated clock when
 * `rateLimit` is on: one request per second, and one launch per 12 seconds, on the same
 * schedule the client's limiter keeps. A refused request is answered 429 with `Retry-After`
 * (whole seconds, rounded up) and the error envelope, and does not count.
 */
import { type CellRate, createCellRate } from "../internal/cell-rate.js";
import { RATE_LIMITS } from "../rate-limits.js";
import { SimulatorApiError } from "./envelope.js";

// The literal types are written out, so that the published declarations name no internal
// constant; the compiler still holds them to RATE_LIMITS.
/** Minimum spacing of any two requests with one key. */
export const REQUEST_INTERVAL_MS: 1_000 = RATE_LIMITS.request.intervalMs;
/** Minimum spacing of two launches with one key. */
export const LAUNCH_INTERVAL_MS: 12_000 = RATE_LIMITS.launch.intervalMs;

/** Per-key admission of requests. */
export interface RateLimit {
  /** Admits a request at `now`, or throws a 429 saying how long to wait. */
  admit(keyLrn: string, isLaunch: boolean, now: number): void;
}

/** The schedules of one key. */
type Schedules = Record<keyof typeof RATE_LIMITS, CellRate>;

/** Creates the per-key limiter. */
export function createRateLimit(): RateLimit {
  const byKey = new Map<string, Schedules>();
  const schedulesOf = (keyLrn: string): Schedules => {
    let schedules = byKey.get(keyLrn);
    if (!schedules) {
      schedules = {
        request: createCellRate(RATE_LIMITS.request.intervalMs, RATE_LIMITS.request.burst),
        launch: createCellRate(RATE_LIMITS.launch.intervalMs, RATE_LIMITS.launch.burst),
      };
      byKey.set(keyLrn, schedules);
    }
    return schedules;
  };
  return {
    admit(keyLrn, isLaunch, now) {
      const schedules = schedulesOf(keyLrn);
      const requestWait = schedules.request.waitMs(now);
      if (requestWait > 0) throw refusal(requestWait, "requests", REQUEST_INTERVAL_MS);
      if (isLaunch) {
        const launchWait = schedules.launch.waitMs(now);
        if (launchWait > 0) throw refusal(launchWait, "launches", LAUNCH_INTERVAL_MS);
        schedules.launch.reserve(now);
      }
      schedules.request.reserve(now);
    },
  };
}

/** The 429 for a request `waitMs` too early; Retry-After rounds up, so waiting it is always enough. */
function refusal(waitMs: number, what: "requests" | "launches", intervalMs: number): SimulatorApiError {
  return new SimulatorApiError(
    429,
    "global/rate-limited",
    `Too many ${what}; the limit is one per ${intervalMs / 1000} s per API key.`,
    "Retry after the number of seconds in the Retry-After header.",
    { "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))) },
  );
}
