/** Waking capacity watches in one process, where there are no Durable Object alarms. */

/**
 * A `wakeAt` for one process (or an object without alarms): one timer, for the time last asked
 * for. The timer lives only as long as the process; a restart needs `run()` called again.
 * @example
 * ```ts
 * const watches = createWatches({ gateway, store, keyForRuns, wakeAt: wakeOnTimer(() => watches.run()) });
 * ```
 */
export function wakeOnTimer(run: () => Promise<void>, now: () => number = Date.now): (at: number) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (at) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run().catch(() => undefined), Math.max(0, at - now()));
  };
}
