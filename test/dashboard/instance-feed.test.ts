// @vitest-environment happy-dom
// Live or polled (examples/worker/dashboard/instance-feed.ts), with fake timers and a scripted
// live feed: the list is polled until the first live list arrives, polling stops while the feed
// is live, a 404 means polling for good, a feed that fails falls back to polling and is tried
// again later, and aborting stops everything.
import type { Instance } from "lambda-cloud";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type FeedMode,
  type InstanceFeedOptions,
  startInstanceFeed,
} from "../../examples/worker/dashboard/instance-feed";
import type { LiveEnd } from "../../examples/worker/dashboard/live-instances";

const POLL_MS = 5_000;
const RECONNECT_MS = 30_000;

/** A live feed the test drives: each connection waits for the test to send lists or end it. */
function scriptedFeed() {
  const connections: { send: (instances: Instance[]) => void; end: (why: LiveEnd) => void }[] = [];
  const follow: InstanceFeedOptions["follow"] = (onInstances) =>
    new Promise<LiveEnd>((resolve) =>
      connections.push({ send: (instances) => onInstances(instances, 250), end: resolve }),
    );
  return { follow, connections };
}

function start(follow: InstanceFeedOptions["follow"], signal = new AbortController().signal) {
  const polls: boolean[] = [];
  const modes: FeedMode[] = [];
  const lists: Instance[][] = [];
  startInstanceFeed({
    follow,
    poll: async (background) => void polls.push(background),
    onInstances: (instances) => void lists.push(instances),
    onMode: (mode) => void modes.push(mode),
    signal,
    pollMs: POLL_MS,
    reconnectMs: RECONNECT_MS,
  });
  return { polls, modes, lists };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the instance feed", () => {
  it("polls at once and every interval (in the background) until the live feed delivers, then stops polling", async () => {
    const { follow, connections } = scriptedFeed();
    const { polls, modes, lists } = start(follow);
    expect(polls).toEqual([false]);
    await vi.advanceTimersByTimeAsync(2 * POLL_MS);
    expect(polls).toEqual([false, true, true]);
    connections[0]?.send([]);
    await vi.advanceTimersByTimeAsync(10 * POLL_MS);
    expect(polls).toHaveLength(3);
    expect(lists).toEqual([[]]);
    expect(modes).toEqual(["polling", "live"]);
  });

  it("polls for good when the Worker has no live feed (404)", async () => {
    const { follow, connections } = scriptedFeed();
    const { polls } = start(follow);
    connections[0]?.end("not-deployed");
    await vi.advanceTimersByTimeAsync(10 * RECONNECT_MS);
    expect(connections).toHaveLength(1);
    expect(polls.length).toBe(1 + (10 * RECONNECT_MS) / POLL_MS);
  });

  it("falls back to polling when a live feed fails, and reconnects later", async () => {
    const { follow, connections } = scriptedFeed();
    const { polls, modes } = start(follow);
    connections[0]?.send([]);
    await vi.advanceTimersByTimeAsync(0);
    const before = polls.length;
    connections[0]?.end("ended");
    await vi.advanceTimersByTimeAsync(RECONNECT_MS - 1);
    expect(polls.length - before).toBe(Math.floor((RECONNECT_MS - 1) / POLL_MS));
    expect(connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(connections).toHaveLength(2);
    connections[1]?.send([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(modes).toEqual(["polling", "live", "polling", "live"]);
  });

  it("stops polling and reconnecting when aborted", async () => {
    const { follow, connections } = scriptedFeed();
    const stop = new AbortController();
    const { polls } = start(follow, stop.signal);
    connections[0]?.end("ended");
    await vi.advanceTimersByTimeAsync(0);
    stop.abort();
    await vi.advanceTimersByTimeAsync(10 * RECONNECT_MS);
    expect(polls).toEqual([false]);
    expect(connections).toHaveLength(1);
  });
});
