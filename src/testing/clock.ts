/**
 * Simulated time. Instance lifecycles, capacity, rate limits, upload expiry and audit
 * timestamps all read this clock, so a manual clock makes every one of them step only when
 * a test calls `advance(ms)`.
 */

/** Which clock the simulator runs on. */
export type ClockKind = "real" | "manual";

/** The simulator's clock, exposed as `sim.clock`. */
export interface SimulatorClock {
  /** `"real"` follows the wall clock; `"manual"` stands still until {@link SimulatorClock.advance}. */
  readonly kind: ClockKind;
  /** The current simulated time in epoch milliseconds. */
  now(): number;
  /**
   * Moves simulated time forward: booting instances progress, terminated ones disappear,
   * capacity changes and rate-limit windows pass. Works on the real clock too (it adds an offset).
   * @example
   * ```ts
   * sim.clock.advance(sim.settings.bootMs); // a fresh launch is now active
   * ```
   */
  advance(ms: number): void;
}

/** Where a manual clock starts: 2026-01-01T00:00:00Z. */
export const MANUAL_CLOCK_START: number = Date.UTC(2026, 0, 1);

/** Creates a clock of the given kind. */
export function createClock(kind: ClockKind): SimulatorClock {
  let offset = 0;
  const base = kind === "manual" ? () => MANUAL_CLOCK_START : () => Date.now();
  return {
    kind,
    now: () => base() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`clock.advance(ms) needs a finite number ≥ 0, got ${String(ms)}.`);
      offset += ms;
    },
  };
}
