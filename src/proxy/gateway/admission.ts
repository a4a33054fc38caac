/**
 * Global admission: the one place that decides when the next upstream call of a key may go,
 * with the client's limiter numbers and scheduler (`transport/rate-limiter.ts`). Waiting calls
 * go in priority order (writes and viewers' explicit reads before background refreshes), an
 * upstream 429 pauses everyone until its `Retry-After`, and nobody waits longer than a bound.
 */
import { createRateSchedulers, type RateLimiterOptions, type RateLimitKind } from "../../transport/rate-limiter.js";
import type { GatewayPriority } from "./contract.js";

/** Raised to a waiter that was not admitted within the bound. */
export class AdmissionTimeout extends Error {
  override readonly name = "AdmissionTimeout";
  constructor(readonly waitedMs: number) {
    super(`not admitted within ${waitedMs} ms`);
  }
}

/** Admission of the upstream calls of one key. */
export interface Admission {
  /**
   * Resolves when the call may go. Rejects with {@link AdmissionTimeout} after `maxWaitMs`, or
   * with the signal's reason if it aborts first; either way the slot is not used.
   */
  admit(kind: RateLimitKind, priority: GatewayPriority, signal?: AbortSignal): Promise<void>;
  /** Whether a call would be admitted at once: nobody waiting, not paused, and a slot free now. */
  idle(): boolean;
  /** Holds every call until `until` (epoch ms), after an upstream 429. */
  pauseUntil(until: number): void;
}

/** Settings of {@link createAdmission}. */
export interface AdmissionOptions {
  readonly limits?: RateLimiterOptions | undefined;
  readonly now: () => number;
  /** The longest a call waits for admission. */
  readonly maxWaitMs: number;
}

interface Waiter {
  readonly kind: RateLimitKind;
  readonly admitted: () => void;
}

/** Creates the admission of one key. */
export function createAdmission({ limits, now, maxWaitMs }: AdmissionOptions): Admission {
  const { requests, launches } = createRateSchedulers(limits, now);
  const queues: Record<GatewayPriority, Waiter[]> = { interactive: [], background: [] };
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const waiting = () => queues.interactive.length + queues.background.length;
  /** The first waiter whose budgets allow it now: launches may be passed while their own slot is not free. */
  const nextAdmissible = (): { queue: Waiter[]; index: number } | undefined => {
    for (const queue of [queues.interactive, queues.background]) {
      const index = queue.findIndex((waiter) => waiter.kind === "request" || launches.nextFreeIn() <= 0);
      if (index >= 0) return { queue, index };
    }
    return undefined;
  };
  const pump = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (;;) {
      if (waiting() === 0) return;
      const pausedFor = pausedUntil - now();
      const requestWait = requests.nextFreeIn();
      const next = pausedFor <= 0 && requestWait <= 0 ? nextAdmissible() : undefined;
      if (next === undefined) {
        const wait = pausedFor > 0 ? pausedFor : requestWait > 0 ? requestWait : launches.nextFreeIn();
        timer = setTimeout(pump, Math.max(1, wait));
        return;
      }
      const [waiter] = next.queue.splice(next.index, 1) as [Waiter];
      if (waiter.kind === "launch") launches.reserve();
      requests.reserve();
      waiter.admitted();
    }
  };

  return {
    admit(kind, priority, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const queue = queues[priority];
        const leave = (reason: unknown) => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          settle();
          reject(reason);
        };
        const onAbort = () => leave(signal?.reason);
        const deadline = setTimeout(() => leave(new AdmissionTimeout(maxWaitMs)), maxWaitMs);
        const settle = () => {
          clearTimeout(deadline);
          signal?.removeEventListener("abort", onAbort);
        };
        const waiter: Waiter = {
          kind,
          admitted: () => {
            settle();
            resolve();
          },
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
    idle: () => waiting() === 0 && pausedUntil <= now() && requests.nextFreeIn() <= 0,
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
      pump();
    },
  };
}
