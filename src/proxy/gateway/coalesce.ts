/**
 * Coalescing: identical work in flight is done once, and every caller that asks meanwhile
 * gets the same result.
 */

/** Runs one task per key at a time and shares its result. */
export interface Coalescer<T> {
  /** Runs `task` unless one for `key` is in flight; `joined` tells whether this caller shares another's. */
  run(key: string, task: () => Promise<T>): { readonly result: Promise<T>; readonly joined: boolean };
}

/** Creates a coalescer. */
export function createCoalescer<T>(): Coalescer<T> {
  const inFlight = new Map<string, Promise<T>>();
  return {
    run(key, task) {
      const existing = inFlight.get(key);
      if (existing !== undefined) return { result: existing, joined: true };
      const result = task().finally(() => inFlight.delete(key));
      inFlight.set(key, result);
      return { result, joined: false };
    },
  };
}
