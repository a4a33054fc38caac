import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveInstancesEvent } from "../../../src/proxy/index.js";
import { gatewayHarness, launchable, settle } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Reads a live feed as it arrives: its `instances` events and its heartbeats. */
function listen(response: Response) {
  const reader = response.body!.getReader();
  const events: LiveInstancesEvent[] = [];
  let heartbeats = 0;
  let text = "";
  const decoder = new TextDecoder();
  const reading = (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
      for (let end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n")) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        if (block.startsWith(": heartbeat")) heartbeats += 1;
        const data = /^event: instances\ndata: (.*)$/m.exec(block)?.[1];
        if (data !== undefined) events.push(JSON.parse(data) as LiveInstancesEvent);
      }
    }
  })();
  return { events, heartbeats: () => heartbeats, stop: () => reader.cancel(), reading };
}

describe("gateway live feed (fake timers, simulator)", () => {
  it("polls GET /instances once per interval for 100 subscribers and sends each of them the list", async () => {
    const { gateway, key, callsTo } = gatewayHarness();
    const viewers = await Promise.all(Array.from({ length: 100 }, () => gateway.live(key).then(listen)));
    expect((await gateway.live(key)).headers.get("content-type")).toMatch(/^text\/event-stream/);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(callsTo("/instances")).toHaveLength(6); // at once, then every 2 s (the freshness of instances)
    for (const viewer of viewers) expect(viewer.events).toEqual([{ data: [], age_ms: 0 }]);
  });

  it("sends an event only when the list changed, and a heartbeat comment meanwhile", async () => {
    const { sim, gateway, key, send } = gatewayHarness();
    const viewer = listen(await gateway.live(key));
    await vi.advanceTimersByTimeAsync(16_000);
    expect(viewer.events).toHaveLength(1);
    expect(viewer.heartbeats()).toBe(1);
    await settle(send("launchInstance", { body: launchable(sim) }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(viewer.events).toHaveLength(2);
    expect(viewer.events[1]!.data).toHaveLength(1);
    expect(viewer.events[1]!.age_ms).toBeLessThan(2_000);
  });

  it("gives a new subscriber the last list at once, with its age", async () => {
    const { gateway, key } = gatewayHarness();
    const first = listen(await gateway.live(key));
    await vi.advanceTimersByTimeAsync(500);
    const second = listen(await gateway.live(key));
    await vi.advanceTimersByTimeAsync(0);
    expect(first.events).toEqual([{ data: [], age_ms: 0 }]);
    expect(second.events).toEqual([{ data: [], age_ms: 500 }]);
  });

  it("stops polling when the last subscriber leaves (cancel or abort), and starts again with the next", async () => {
    const { gateway, key, callsTo } = gatewayHarness();
    const leaving = new AbortController();
    const a = listen(await gateway.live(key));
    const b = listen(await gateway.live(key, leaving.signal));
    await vi.advanceTimersByTimeAsync(4_000);
    const whileWatched = callsTo("/instances").length;
    await a.stop();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(callsTo("/instances").length).toBe(whileWatched + 2);
    leaving.abort();
    await b.reading;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(callsTo("/instances").length).toBe(whileWatched + 2);
    listen(await gateway.live(key));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsTo("/instances").length).toBe(whileWatched + 3);
  });
});
