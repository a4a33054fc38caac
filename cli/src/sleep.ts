/** A sleep that an abort signal cuts short (rejecting with the signal's reason). */
import { setTimeout as delay } from "node:timers/promises";

/** Waits `ms` milliseconds, or rejects with `signal.reason` when it aborts first. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    throw signal.aborted ? signal.reason : error;
  }
}
