/**
 * Client-side rate limiting that matches the API's documented limits, so that a busy
 * program queues instead of collecting 429s. Calls over the limit wait their turn in
 * order; they never fail because of the limiter.
 */
import { sleep } from "../internal/sleep.js";

/** Which budget a request draws from: every request uses `request`; a launch also uses `launch`. */
export type RateLimitKind = "request" | "launch";

/** Spaces requests out; share one between clients that use the same API key. */
export interface RateLimiter {
  /** Resolves when the request may be sent; rejects with the signal's reason if it aborts first. */
  acquire(kind: RateLimitKind, signal?: AbortSignal): Promise<void>;
}

/** Settings of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Sustained requests per second. @default 1 */
  readonly requestsPerSecond?: number;
  /** Requests that may go at once before spacing applies. @default 2 */
  readonly burst?: number;
  /** Minimum spacing between launches, in milliseconds. @default 12_000 */
  readonly launchIntervalMs?: number;
}

/**
 * The API's documented limits per key, the defaults of {@link createRateLimiter} and of the
 * proxy's gateway: one definition for every part that spaces requests out.
 */
export const API_RATE_LIMITS: Readonly<Required<RateLimiterOptions>> = { requestsPerSecond: 1, burst: 2, launchIntervalMs: 12_000 };

/**
 * Creates a rate limiter: at most `requestsPerSecond` sustained with a burst of `burst`,
 * and at most one launch per `launchIntervalMs`.
 * @example
 * ```ts
 * const limiter = createRateLimiter();
 * const a = new LambdaCloudClient({ apiKey, rateLimiter: limiter });
 * const b = new LambdaCloudClient({ apiKey, rateLimiter: limiter }); // shares the budget
 * ```
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const { requests, launches } = createRateSchedulers(options);
  return {
    async acquire(kind, signal) {
      if (kind === "launch") await sleep(launches.reserve(), signal);
      await sleep(requests.reserve(), signal);
    },
  };
}

/** Hands out the times at which requests may go: each {@link SlotScheduler.reserve} takes the next free slot. */
export interface SlotScheduler {
  /** Reserves the next free slot and returns how many milliseconds from now it starts. */
  reserve(): number;
  /** How many milliseconds from now the next free slot starts, without reserving it. */
  nextFreeIn(): number;
}

/**
 * The two schedulers of the API's limits (all requests; launches), checked and defaulted
 * from {@link API_RATE_LIMITS}, on the clock `now`.
 * @throws {RangeError} on nonsensical settings.
 */
export function createRateSchedulers(
  options: RateLimiterOptions = {},
  now: () => number = Date.now,
): { readonly requests: SlotScheduler; readonly launches: SlotScheduler } {
  const { requestsPerSecond, burst, launchIntervalMs } = { ...API_RATE_LIMITS, ...definedOnly(options) };
  if (!(requestsPerSecond > 0) || !(burst >= 1) || !(launchIntervalMs >= 0)) {
    throw new RangeError("createRateLimiter: requestsPerSecond must be > 0, burst >= 1 and launchIntervalMs >= 0");
  }
  return {
    requests: createSlotScheduler(1000 / requestsPerSecond, Math.floor(burst), now),
    launches: createSlotScheduler(launchIntervalMs, 1, now),
  };
}

function definedOnly(options: RateLimiterOptions): RateLimiterOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/**
 * A generic cell-rate scheduler: each call reserves the next free slot and returns how long
 * to wait for it. Reservations are handed out in call order, so waiting calls stay in order.
 */
function createSlotScheduler(intervalMs: number, burst: number, now: () => number): SlotScheduler {
  const tolerance = (burst - 1) * intervalMs;
  let theoreticalArrival = Number.NEGATIVE_INFINITY;
  const startOf = (time: number) => Math.max(time, Math.max(theoreticalArrival, time) - tolerance);
  return {
    reserve(): number {
      const time = now();
      const start = startOf(time);
      theoreticalArrival = Math.max(theoreticalArrival, time) + intervalMs;
      return start - time;
    },
    nextFreeIn(): number {
      const time = now();
      return startOf(time) - time;
    },
  };
}
