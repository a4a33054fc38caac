/**
 * A cell-rate schedule (the generic cell-rate algorithm): requests `intervalMs` apart on
 * average, with up to `burst` of them at once. The client's limiter waits for the next slot;
 * the simulator refuses a request that comes before its slot. Both use this one schedule.
 */
export interface CellRate {
  /** How long after `now` a request would be on time; 0 when it is on time now. */
  waitMs(now: number): number;
  /** Takes the next slot, which starts `waitMs(now)` after `now`, and returns that wait. */
  reserve(now: number): number;
}

/** Creates a schedule with no slot taken yet. */
export function createCellRate(intervalMs: number, burst: number): CellRate {
  const tolerance = (burst - 1) * intervalMs;
  let theoreticalArrival = Number.NEGATIVE_INFINITY;
  const waitMs = (now: number) => Math.max(0, theoreticalArrival - tolerance - now);
  return {
    waitMs,
    reserve(now) {
      const wait = waitMs(now);
      theoreticalArrival = Math.max(theoreticalArrival, now) + intervalMs;
      return wait;
    },
  };
}
