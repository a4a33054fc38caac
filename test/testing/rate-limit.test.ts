import { afterEach, describe, expect, it, vi } from "vitest";
import { LambdaCloudClient, RateLimitError } from "../../src/index";
import { createSimulator, LAUNCH_INTERVAL_MS, REQUEST_INTERVAL_MS } from "../../src/testing/index";
import { BASE_URL, harness, launchable, raw } from "./helpers";

afterEach(() => {
  vi.useRealTimers();
});

describe("rate limiting (opt-in)", () => {
  it("is off by default", async () => {
    const { sim, key } = harness();
    for (let index = 0; index < 5; index++) expect((await raw(sim, "/regions", { key })).status).toBe(200);
  });

  it("more than 1 request per second per key answers 429 with Retry-After and the error envelope", async () => {
    const { sim, key } = harness({ rateLimit: true });
    expect((await raw(sim, "/regions", { key })).status).toBe(200);
    const refused = await raw(sim, "/regions", { key });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await refused.json()).error).toMatchObject({
      code: "global/rate-limited",
      message: expect.any(String),
      request_id: expect.any(String),
    });
    sim.clock.advance(REQUEST_INTERVAL_MS);
    expect((await raw(sim, "/regions", { key })).status).toBe(200);
  });

  it("counts each key on its own", async () => {
    const sim = createSimulator({ apiKeys: ["a", "b"], rateLimit: true, clock: "manual" });
    expect((await raw(sim, "/regions", { key: "a" })).status).toBe(200);
    expect((await raw(sim, "/regions", { key: "b" })).status).toBe(200);
    expect((await raw(sim, "/regions", { key: "a" })).status).toBe(429);
  });

  it("more than 1 launch per 12 s answers 429 with the seconds left in Retry-After", async () => {
    const { sim, key } = harness({ rateLimit: true });
    const body = JSON.stringify(launchable(sim));
    const launch = () => raw(sim, "/instance-operations/launch", { method: "POST", key, body });
    expect((await launch()).status).toBe(200);
    sim.clock.advance(REQUEST_INTERVAL_MS);
    const refused = await launch();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String((LAUNCH_INTERVAL_MS - REQUEST_INTERVAL_MS) / 1000));
    sim.clock.advance(LAUNCH_INTERVAL_MS - REQUEST_INTERVAL_MS);
    expect((await launch()).status).toBe(200);
    expect(sim.state.instances()).toHaveLength(2);
  });

  it("rounds Retry-After up to whole seconds, so that waiting it is always enough", async () => {
    const { sim, key } = harness({ rateLimit: true });
    const body = JSON.stringify(launchable(sim));
    const launch = () => raw(sim, "/instance-operations/launch", { method: "POST", key, body });
    expect((await launch()).status).toBe(200);
    sim.clock.advance(1_500);
    const refused = await launch();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("11"); // 10.5 s are left
    sim.clock.advance(10_499);
    expect((await launch()).status).toBe(429);
    sim.clock.advance(1);
    expect((await launch()).status).toBe(200);
  });

  it("the client sees RateLimitError when it may not retry", async () => {
    const { client } = harness({ rateLimit: true }, { maxRetries: 0 });
    await client.regions.list();
    await expect(client.regions.list()).rejects.toBeInstanceOf(RateLimitError);
  });

  it("the client waits out Retry-After and then succeeds (real clock, fake timers)", async () => {
    vi.useFakeTimers();
    const key = `lc-sentinel-${crypto.randomUUID()}`;
    const sim = createSimulator({ apiKeys: [key], rateLimit: true, clock: "real" });
    const client = new LambdaCloudClient({ apiKey: key, fetch: sim.fetch, baseUrl: BASE_URL, rateLimit: false });
    await client.regions.list();
    const second = client.regions.list();
    await vi.advanceTimersByTimeAsync(1_100);
    expect((await second).length).toBeGreaterThan(0);
  });
});
