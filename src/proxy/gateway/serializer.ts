/** Running tasks one after another: launches one at a time, idempotency claims in arrival order. */

/** Creates a function that runs tasks one after another, in call order. */
export function createSerializer(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
