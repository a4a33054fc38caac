import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RATE_LIMITS } from "../../../src/rate-limits.js";
import { gatewayHarness, launchable, settle } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const ids = (count: number) => Array.from({ length: count }, (_, index) => index.toString(16).padStart(32, "0"));

describe("gateway admission (fake timers, the simulator's rate limit on)", () => {
  it("keeps 30 concurrent callers within a strict 1 request/s: the simulator answers no 429, every caller gets its answer", async () => {
    const { send, calls } = gatewayHarness();
    const answers = Promise.all(ids(30).map((id) => send("getInstance", { path: `/instances/${id}` })));
    await vi.advanceTimersByTimeAsync(31_000);
    expect((await answers).map((answer) => answer.status)).toEqual(Array(30).fill(404));
    expect(calls).toHaveLength(30);
    expect(calls.filter((call) => call.status === 429)).toEqual([]);
    for (const [index, call] of calls.entries())
      if (index > 0) expect(call.time - calls[index - 1]!.time).toBeGreaterThanOrEqual(1000);
  });

  it("spaces calls by the API's limits (RATE_LIMITS, the client's and the simulator's numbers), and by a burst when given one", async () => {
    const exact = gatewayHarness({ rateLimit: false });
    const start = Date.now();
    await settle(Promise.all(ids(4).map((id) => exact.send("getInstance", { path: `/instances/${id}` }))));
    expect(exact.calls.map((call) => call.time - start)).toEqual(
      [0, 1, 2, 3].map((index) => index * RATE_LIMITS.request.intervalMs),
    );

    const bursty = gatewayHarness({ rateLimit: false, limits: { burst: 3 } });
    const later = Date.now();
    await settle(Promise.all(ids(5).map((id) => bursty.send("getInstance", { path: `/instances/${id}` }))));
    expect(bursty.calls.map((call) => call.time - later)).toEqual([0, 0, 0, 1_000, 2_000]);
  });

  it("adds marginMs to the spacing of requests and of launches, against jitter on the way", async () => {
    const { sim, send, calls } = gatewayHarness({ rateLimit: false, limits: { marginMs: 50 } });
    const start = Date.now();
    const answers = Promise.all(ids(3).map((id) => send("getInstance", { path: `/instances/${id}` })));
    await vi.advanceTimersByTimeAsync(5_000);
    await answers;
    expect(calls.map((call) => call.time - start)).toEqual([0, 1_050, 2_100]);
    const launch = launchable(sim);
    const launches = Promise.all([send("launchInstance", { body: launch }), send("launchInstance", { body: launch })]);
    await vi.advanceTimersByTimeAsync(20_000);
    await launches;
    const [first, second] = calls.slice(3);
    expect(second!.time - first!.time).toBe(12_050);
  });

  it("admits writes and interactive reads before background refreshes that were waiting longer", async () => {
    const { send, calls } = gatewayHarness();
    const background = ids(3).map((id) => send("getInstance", { path: `/instances/${id}`, priority: "background" }));
    const interactive = send("listRegions");
    const write = send("addSSHKey", {
      body: {
        name: "laptop",
        public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ5E0a7m1Yp1v3nq0tT8Hk7m8xQe2Qp3gk2f0m1n2o3p x",
      },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all([...background, interactive, write]);
    expect(calls.map((call) => call.path)).toEqual([
      `/instances/${ids(1)[0]}`, // the first background read found the budget free and went at once
      "/regions",
      "/ssh-keys",
      ...ids(3)
        .slice(1)
        .map((id) => `/instances/${id}`),
    ]);
  });

  it("moves a waiting background read ahead when a viewer comes to wait for the same answer", async () => {
    const { send, calls } = gatewayHarness();
    const [a, b, c, d] = ids(4).map((id) => `/instances/${id}`);
    const first = [send("getInstance", { path: a }), send("getInstance", { path: b })];
    const refresh = send("listInstances", { priority: "background" });
    const later = send("getInstance", { path: c });
    const viewer = send("listInstances");
    const last = send("getInstance", { path: d });
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all([...first, refresh, later, viewer, last]);
    expect(calls.map((call) => call.path)).toEqual([a, b, "/instances", c, d]);
  });

  it("honours an upstream 429 for every caller: nothing is sent until its Retry-After has passed", async () => {
    const { sim, send, calls } = gatewayHarness();
    sim.faults.add({
      kind: "status",
      status: 429,
      code: "global/rate-limited",
      path: "/regions",
      headers: { "retry-after": "5" },
    });
    const regions = send("listRegions");
    const others = [send("listImages"), send("listSSHKeys")];
    await vi.advanceTimersByTimeAsync(20_000);
    const [answer, ...rest] = await Promise.all([regions, ...others]);
    expect(answer!.status).toBe(200);
    expect(rest.map((response) => response.status)).toEqual([200, 200]);
    const refused = calls.find((call) => call.status === 429)!;
    const after = calls.filter((call) => call.time > refused.time);
    expect(after).toHaveLength(3);
    for (const call of after) expect(call.time - refused.time).toBeGreaterThanOrEqual(5_000);
  });

  it("answers 503 proxy/gateway-busy with Retry-After when a read with nothing cached waits longer than maxWaitMs", async () => {
    const { send } = gatewayHarness({ limits: { maxWaitMs: 2_500 } });
    const answers = Promise.all(ids(5).map((id) => send("getInstance", { path: `/instances/${id}` })));
    await vi.advanceTimersByTimeAsync(10_000);
    const statuses = (await answers).map((answer) => answer.status);
    expect(statuses).toEqual([404, 404, 404, 503, 503]);
    const busy = (await answers)[4]!;
    expect(busy.headers.get("retry-after")).toBe("2");
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe("proxy/gateway-busy");
  });
});
