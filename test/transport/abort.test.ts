// An aborted signal wins at every stage of a call: before sending, while waiting (rate limiter,
// backoff), and after the answer has arrived; in the transport and in the simulator's fetch.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRateLimiter, LambdaCloudClient } from "../../src/index.js";
import { createSimulator } from "../../src/testing/index.js";
import { apiError, clientFor, createMockApi, ok } from "../helpers/mock-api.js";
import { A10_LAUNCH } from "../helpers/payloads.js";

const stop = () => new Error("stop");
const launch = A10_LAUNCH;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the transport honours an aborted signal", () => {
  it("rejects with the reason of an already-aborted signal and sends nothing", async () => {
    const api = createMockApi(() => ok([]));
    const reason = stop();
    await expect(clientFor(api).instances.list({}, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(api.requests).toHaveLength(0);
  });

  it("rejects with the reason when aborted while the rate limiter holds the call, and sends nothing", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 0.001, burst: 1 });
    await limiter.acquire("request"); // the next slot is 1000 s away
    const api = createMockApi(() => ok([]));
    const controller = new AbortController();
    const call = clientFor(api, { rateLimiter: limiter, rateLimit: true }).instances.list(
      {},
      { signal: controller.signal },
    );
    const reason = stop();
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(api.requests).toHaveLength(0);
  });

  it("rejects with the reason when aborted during the backoff before a retry, and does not retry", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const api = createMockApi(() => apiError(503, "global/unavailable"));
    const controller = new AbortController();
    const call = clientFor(api, { maxRetries: 2 }).instances.list({}, { signal: controller.signal });
    const outcome = call.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0); // the first attempt failed; the 250 ms backoff is running
    expect(api.requests).toHaveLength(1);
    const reason = stop();
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.requests).toHaveLength(1);
  });

  it("rejects with the reason when the signal aborts after the answer arrived, instead of returning it", async () => {
    const controller = new AbortController();
    const reason = stop();
    const api = createMockApi(() => {
      controller.abort(reason); // the fetch ignores the signal, as a custom fetch may
      return ok([]);
    });
    await expect(clientFor(api).instances.list({}, { signal: controller.signal })).rejects.toBe(reason);
  });
});

describe("the simulator's fetch honours request.signal", () => {
  it("rejects a list with an already-aborted signal with its reason (it used to resolve [])", async () => {
    const sim = createSimulator({ apiKeys: ["sim-key"] });
    const client = new LambdaCloudClient({
      apiKey: "sim-key",
      fetch: sim.fetch,
      baseUrl: "http://sim.test/api/v1",
      rateLimit: false,
    });
    const reason = stop();
    await expect(client.instances.list({}, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it("applies nothing for a launch whose signal was aborted before it was handled", async () => {
    const sim = createSimulator({ apiKeys: ["sim-key"] });
    sim.state.addSSHKey({ name: "laptop" });
    sim.state.setCapacity("gpu_1x_a10", "us-west-1", 5);
    const reason = stop();
    const request = new Request("http://sim.test/api/v1/instance-operations/launch", {
      method: "POST",
      headers: { authorization: "Bearer sim-key", "content-type": "application/json" },
      body: JSON.stringify(launch),
      signal: AbortSignal.abort(reason),
    });
    await expect(sim.fetch(request)).rejects.toBe(reason);
    expect(sim.state.instances()).toEqual([]);
  });

  it("rejects with the reason when the signal aborts while an injected delay holds the answer", async () => {
    vi.useFakeTimers();
    const sim = createSimulator({ apiKeys: ["sim-key"] });
    sim.faults.add({ kind: "delay", ms: 5_000 });
    const controller = new AbortController();
    const answer = sim.fetch("http://sim.test/api/v1/instances", {
      headers: { authorization: "Bearer sim-key" },
      signal: controller.signal,
    });
    const outcome = answer.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    const reason = stop();
    controller.abort(reason);
    expect(await outcome).toBe(reason);
  });
});
