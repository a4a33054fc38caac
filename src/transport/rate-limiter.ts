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
  const { requestsPerSecond = 1, burst = 2, launchIntervalMs = 12_000 } = options;
  if (!(requestsPerSecond > 0) || !(burst >= 1) || !(launchIntervalMs >= 0)) {
    throw new RangeError("createRateLimiter: requestsPerSecond must be > 0, burst >= 1 and launchIntervalMs >= 0");
  }
  const requests = createSlotScheduler(1000 / requestsPerSecond, Math.floor(burst));
  const launches = createSlotScheduler(launchIntervalMs, 1);
  return {
    async acquire(kind, signal) {
      if (kind === "launch") await sleep(launches.reserve(), signal);
      await sleep(requests.reserve(), signal);
    },
  };
}

/**
 * A generic cell-rate scheduler: each call reserves the next free slot and returns how long
 * to wait for it. Reservations are handed out in call order, so waiting calls stay in order.
 */
function createSlotScheduler(intervalMs: number, burst: number) {
  const tolerance = (burst - 1) * intervalMs;
  let theoreticalArrival = Number.NEGATIVE_INFINITY;
  return {
    reserve(): number {
      const now = Date.now();
      const arrival = Math.max(theoreticalArrival, now);
      const start = Math.max(now, arrival - tolerance);
      theoreticalArrival = arrival + intervalMs;
      return start - now;
    },
  };
}
