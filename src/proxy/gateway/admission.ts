/**
 * Global admission: the one place that decides when the next upstream call of a key may go,
 * with the API's limits (`RATE_LIMITS`) and the cell-rate schedule that the client's limiter and
 * the simulator use (`internal/cell-rate.ts`). Waiting calls
 * go in priority order (writes and viewers' explicit reads before background refreshes), an
 * upstream 429 pauses everyone until its `Retry-After`, and nobody waits longer than a bound.
 */
import { createCellRate } from "../../internal/cell-rate.js";
import { RATE_LIMITS } from "../../rate-limits.js";
import type { RateLimiterOptions, RateLimitKind } from "../../transport/rate-limiter.js";
import type { GatewayPriority } from "./contract.js";

/** Raised to a waiter that was not admitted within the bound. */
export class AdmissionTimeout extends Error {
  override readonly name = "AdmissionTimeout";
  constructor(readonly waitedMs: number) {
    super(`not admitted within ${waitedMs} ms`);
  }
}

/**
 * A call's place in the queue, filled in by {@link Admission.admit}: `promote` moves a waiting
 * background call up to interactive, for when a viewer comes to wait for the same answer.
 */
export interface QueuePlace {
  promote: () => void;
}

/** Admission of the upstream calls of one key. */
export interface Admission {
  /**
   * Resolves when the call may go. Rejects with {@link AdmissionTimeout} after `maxWaitMs`, or
   * with the signal's reason if it aborts first; either way the slot is not used.
   */
  admit(kind: RateLimitKind, priority: GatewayPriority, signal?: AbortSignal, place?: QueuePlace): Promise<void>;
  /** About how long a call of this priority asked for now would wait, in milliseconds (0 when it would go at once). */
  expectedWaitMs(priority: GatewayPriority): number;
  /** Holds every call until `until` (epoch ms), after an upstream 429. */
  pauseUntil(until: number): void;
  /** The spacing of requests, in milliseconds: the limit's, plus the margin. */
  readonly intervalMs: number;
}

/** Settings of {@link createAdmission}. */
export interface AdmissionOptions {
  readonly limits?: RateLimiterOptions | undefined;
  /**
   * Added to the spacing of requests and of launches: calls spaced exactly by the limit can
   * reach the API closer together than they left, when the first one took longer on its way.
   */
  readonly marginMs: number;
  readonly now: () => number;
  /** The longest a call waits for admission. */
  readonly maxWaitMs: number;
}

interface Waiter {
  readonly kind: RateLimitKind;
  priority: GatewayPriority;
  readonly admitted: () => void;
}

/** Creates the admission of one key. */
export function createAdmission({ limits, now, maxWaitMs, marginMs }: AdmissionOptions): Admission {
  const {
    requestsPerSecond = 1000 / RATE_LIMITS.request.intervalMs,
    burst = RATE_LIMITS.request.burst,
    launchIntervalMs = RATE_LIMITS.launch.intervalMs,
  } = limits ?? {};
  if (!(requestsPerSecond > 0) || !(burst >= 1) || !(launchIntervalMs >= 0) || !(marginMs >= 0)) {
    throw new RangeError(
      "gateway limits: requestsPerSecond must be > 0, burst >= 1, launchIntervalMs >= 0 and marginMs >= 0",
    );
  }
  const intervalMs = 1000 / requestsPerSecond + marginMs;
  const requests = createCellRate(intervalMs, Math.floor(burst));
  const launches = createCellRate(launchIntervalMs + marginMs, RATE_LIMITS.launch.burst);
  /** Every waiting call, in arrival order. */
  let queue: Waiter[] = [];
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** The first waiter whose budgets allow it now, interactive ones first; a launch is passed while its own slot is not free. */
  const nextAdmissible = (): Waiter | undefined => {
    const admissible = (waiter: Waiter) => waiter.kind === "request" || launches.waitMs(now()) <= 0;
    return queue.find((waiter) => waiter.priority === "interactive" && admissible(waiter)) ?? queue.find(admissible);
  };
  const pump = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (;;) {
      if (queue.length === 0) return;
      const pausedFor = pausedUntil - now();
      const requestWait = requests.waitMs(now());
      const next = pausedFor <= 0 && requestWait <= 0 ? nextAdmissible() : undefined;
      if (next === undefined) {
        const wait = pausedFor > 0 ? pausedFor : requestWait > 0 ? requestWait : launches.waitMs(now());
        timer = setTimeout(pump, Math.max(1, wait));
        return;
      }
      queue = queue.filter((waiter) => waiter !== next);
      if (next.kind === "launch") launches.reserve(now());
      requests.reserve(now());
      next.admitted();
    }
  };

  return {
    admit(kind, priority, signal, place) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const settle = () => {
          clearTimeout(deadline);
          signal?.removeEventListener("abort", onAbort);
        };
        const leave = (reason: unknown) => {
          queue = queue.filter((other) => other !== waiter);
          settle();
          reject(reason);
        };
        const onAbort = () => leave(signal?.reason);
        const deadline = setTimeout(() => leave(new AdmissionTimeout(maxWaitMs)), maxWaitMs);
        const waiter: Waiter = {
          kind,
          priority,
          admitted: () => {
            settle();
            resolve();
          },
        };
        if (place !== undefined) {
          place.promote = () => {
            waiter.priority = "interactive";
            pump();
          };
        }
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
    expectedWaitMs(priority) {
      const ahead = queue.filter((waiter) => priority === "background" || waiter.priority === "interactive").length;
      return Math.max(0, pausedUntil - now(), requests.waitMs(now())) + ahead * intervalMs;
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
      pump();
    },
    intervalMs,
  };
}
