import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRateLimiter } from "../../src/index.js";
import { clientFor, createMockApi, ok } from "../helpers/mock-api.js";
import { A10_LAUNCH } from "../helpers/payloads.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Runs calls concurrently and records the fake time at which each request reached the API. */
function recordArrivals() {
  const arrivals: number[] = [];
  const api = createMockApi((request) => {
    arrivals.push(Date.now());
    return request.url.pathname.endsWith("/launch") ? ok({ instance_ids: ["a".repeat(32)] }) : ok([]);
  });
  return { api, arrivals };
}

const launch = A10_LAUNCH;

describe("client-side rate limiting (fake timers)", () => {
  it("spaces 10 concurrent calls 1 s apart by default (the API documents no burst), in order, without failing any", async () => {
    const start = Date.now();
    const { api, arrivals } = recordArrivals();
    const client = clientFor(api, { rateLimit: true });
    const calls = Array.from({ length: 10 }, (_, index) =>
      client.regions.list({ headers: { "x-call": String(index) } }),
    );
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(Promise.all(calls)).resolves.toHaveLength(10);
    expect(arrivals.map((t) => t - start)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    expect(api.requests.map((r) => r.headers.get("x-call"))).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ]);
  });

  it("lets a configured burst through at once, then spaces the rest", async () => {
    const start = Date.now();
    const { api, arrivals } = recordArrivals();
    const client = clientFor(api, { rateLimit: true, rateLimiter: createRateLimiter({ burst: 3 }) });
    const calls = Array.from({ length: 6 }, () => client.regions.list());
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(calls);
    expect(arrivals.map((t) => t - start)).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it("spaces launches at least 12 s apart", async () => {
    const start = Date.now();
    const { api, arrivals } = recordArrivals();
    const client = clientFor(api, { rateLimit: true });
    const launches = [
      client.instances.launch(launch),
      client.instances.launch(launch),
      client.instances.launch(launch),
    ];
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all(launches);
    expect(arrivals.map((t) => t - start)).toEqual([0, 12_000, 24_000]);
  });

  it("counts the launch interval from when a launch is sent, also when it waited behind other requests", async () => {
    const start = Date.now();
    const { api, arrivals } = recordArrivals();
    const client = clientFor(api, { rateLimit: true });
    const calls = [
      client.regions.list(),
      client.regions.list(),
      client.regions.list(),
      client.instances.launch(launch),
      client.instances.launch(launch),
    ];
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all(calls);
    const launchedAt = arrivals
      .filter((_, index) => api.requests[index]!.url.pathname.endsWith("/launch"))
      .map((t) => t - start);
    expect(launchedAt).toEqual([3_000, 15_000]);
  });

  it("ends a launch's wait in line at once when its signal aborts, and the next launch keeps its place", async () => {
    const start = Date.now();
    const { api, arrivals } = recordArrivals();
    const client = clientFor(api, { rateLimit: true });
    const controller = new AbortController();
    const first = client.instances.launch(launch);
    const abandoned = client.instances.launch(launch, { signal: controller.signal }).catch((error: unknown) => error);
    const third = client.instances.launch(launch);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error("changed my mind"));
    expect(((await abandoned) as Error).message).toBe("changed my mind");
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all([first, third]);
    expect(arrivals.map((t) => t - start)).toEqual([0, 12_000]);
  });

  it("shares one budget between clients given the same rateLimiter", async () => {
    const start = Date.now();
    const { api, arrivals } = recordArrivals();
    const rateLimiter = createRateLimiter({ requestsPerSecond: 2, burst: 1 });
    const a = clientFor(api, { rateLimit: true, rateLimiter });
    const b = clientFor(api, { rateLimit: true, rateLimiter });
    const calls = [a.regions.list(), b.regions.list(), a.regions.list(), b.regions.list()];
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(calls);
    expect(arrivals.map((t) => t - start)).toEqual([0, 500, 1000, 1500]);
  });

  it("sends nothing queued once the caller aborts, and rejects with the signal's reason", async () => {
    const { api } = recordArrivals();
    const client = clientFor(api, { rateLimit: true, rateLimiter: createRateLimiter({ burst: 1 }) });
    await client.regions.list();
    const controller = new AbortController();
    const queued = client.regions.list({ signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error("user gave up"));
    expect(((await queued) as Error).message).toBe("user gave up");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.requests).toHaveLength(1);
  });

  it("sends immediately with rateLimit: false", async () => {
    const { api, arrivals } = recordArrivals();
    const client = clientFor(api, { rateLimit: false });
    await Promise.all(Array.from({ length: 5 }, () => client.regions.list()));
    expect(new Set(arrivals).size).toBe(1);
  });

  it("rejects nonsensical settings", () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ burst: 0 })).toThrow(/burst/);
  });
});
