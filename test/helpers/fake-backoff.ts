/**
 * Setup for tests that let the client's retry backoff run on fake timers: `Math.random()` is
 * fixed at 0.5, so a full-jitter wait is half its backoff, and every call's outcome is captured
 * without rejecting while the test advances the clock.
 */
import { afterEach, beforeEach, vi } from "vitest";

/** Fake timers and `Math.random() === 0.5` for every test of the calling file, restored after each. */
export function useFakeBackoff(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}

/** What `promise` settled to, as a value: a pending call can wait on fake timers without an unhandled rejection. */
export function outcomeOf<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
