/**
 * Keeps the instance list coming: from the gateway's live feed when the Worker has one, else by
 * polling (which also runs until the first live list arrives). A 404 (no gateway) switches to polling for good; a feed that fails or closes
 * switches to polling and is tried again after a while, so viewers reconnect on their own.
 */
import type { Instance } from "lambda-cloud";
import type { LiveEnd } from "./live-instances.js";

/** How the list is arriving now. */
export type FeedMode = "live" | "polling";

/** What {@link startInstanceFeed} needs. */
export interface InstanceFeedOptions {
  /** Follows the live feed until it stops (see `followLiveInstances`). */
  readonly follow: (
    onInstances: (instances: Instance[], ageMs: number) => void,
    signal: AbortSignal,
  ) => Promise<LiveEnd>;
  /** One poll of the list, `background` when nobody asked for it (every poll after the first); it reports its own result. */
  readonly poll: (background: boolean) => Promise<void>;
  /** Called with every live list. */
  readonly onInstances: (instances: Instance[], ageMs: number) => void;
  /** Called when the mode changes. */
  readonly onMode?: (mode: FeedMode) => void;
  /** Stops everything. */
  readonly signal: AbortSignal;
  /** Time between polls. @default 5_000 */
  readonly pollMs?: number;
  /** How long after a failed feed it is tried again. @default 30_000 */
  readonly reconnectMs?: number;
}

/** Starts the feed; it runs until `signal` aborts. */
export function startInstanceFeed(options: InstanceFeedOptions): void {
  const { signal, pollMs = 5_000, reconnectMs = 30_000 } = options;
  let polling: ReturnType<typeof setInterval> | undefined;
  let reconnect: ReturnType<typeof setTimeout> | undefined;
  const stopPolling = () => {
    clearInterval(polling);
    polling = undefined;
  };
  signal.addEventListener(
    "abort",
    () => {
      stopPolling();
      clearTimeout(reconnect);
    },
    { once: true },
  );

  const poll = () => {
    if (!document.hidden) void options.poll(true);
  };
  const startPolling = () => {
    if (polling !== undefined || signal.aborted) return;
    options.onMode?.("polling");
    polling = setInterval(poll, pollMs);
  };
  const connect = async () => {
    let live = false;
    const end = await options.follow((instances, ageMs) => {
      if (!live) {
        live = true;
        stopPolling();
        options.onMode?.("live");
      }
      options.onInstances(instances, ageMs);
    }, signal);
    if (signal.aborted) return;
    startPolling();
    if (end !== "not-deployed") reconnect = setTimeout(() => void connect(), reconnectMs);
  };
  // Poll until the first live list arrives, so that a feed that connects but stays quiet costs nothing.
  void options.poll(false);
  startPolling();
  void connect();
}
