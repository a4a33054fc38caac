/**
 * Client-side rate limiting that matches the API's documented limits, so that a busy
 * program queues instead of collecting 429s. Calls over the limit wait their turn in
 * order; they never fail because of the limiter.
 */
import { createCellRate } from "../internal/cell-rate.js";
import { sleep } from "../internal/sleep.js";
import { untilAborted } from "../internal/until-aborted.js";
import { RATE_LIMITS } from "../rate-limits.js";

/** Which budget a request draws from: every request uses `request`; a launch also uses `launch`. */
export type RateLimitKind = keyof typeof RATE_LIMITS;

/** Spaces requests out; share one between clients that use the same API key. */
export interface RateLimiter {
  /** Resolves when the request may be sent; rejects with the signal's reason if it aborts first. */
  acquire(kind: RateLimitKind, signal?: AbortSignal): Promise<void>;
}

/** Settings of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Sustained requests per second. @default 1 */
  readonly requestsPerSecond?: number;
  /** Requests that may go at once before spacing applies; the API documents no burst. @default 1 */
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
  const {
    requestsPerSecond = 1000 / RATE_LIMITS.request.intervalMs,
    burst = RATE_LIMITS.request.burst,
    launchIntervalMs = RATE_LIMITS.launch.intervalMs,
  } = options;
  if (!(requestsPerSecond > 0) || !(burst >= 1) || !(launchIntervalMs >= 0)) {
    throw new RangeError("createRateLimiter: requestsPerSecond must be > 0, burst >= 1 and launchIntervalMs >= 0");
  }
  const requests = createCellRate(1000 / requestsPerSecond, Math.floor(burst));
  const launches = createCellRate(launchIntervalMs, RATE_LIMITS.launch.burst);
  // Launches take turns: each waits until a launch is due, then for a request slot, and the
  // launch schedule counts from the moment it is sent, so a wait for a request slot never
  // brings two launches closer than the interval. A launch that is due takes its request slot
  // at once, in call order with the other requests.
  let launchesInLine = 0;
  let lastLaunchTurn: Promise<unknown> = Promise.resolve();
  const takeSlots = (signal: AbortSignal | undefined) => {
    const wait = requests.reserve(Date.now());
    launches.reserve(Date.now() + wait);
    return sleep(wait, signal);
  };
  const launchTurn = (signal: AbortSignal | undefined) => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const launchWait = launches.waitMs(Date.now());
    return launchWait > 0 ? sleep(launchWait, signal).then(() => takeSlots(signal)) : takeSlots(signal);
  };
  return {
    acquire(kind, signal) {
      if (kind === "request") return sleep(requests.reserve(Date.now()), signal);
      const turn = launchesInLine === 0 ? launchTurn(signal) : lastLaunchTurn.then(() => launchTurn(signal));
      launchesInLine += 1;
      lastLaunchTurn = turn.catch(() => undefined).finally(() => (launchesInLine -= 1));
      return untilAborted(turn, signal);
    },
  };
}
