import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIError,
  LambdaCloudClient,
  LaunchOutcomeUnknownError,
  ProviderError,
  ResponseValidationError,
} from "../../src/index";
import type { Simulator } from "../../src/testing/index";
import { BASE_URL, harness, launchable, raw } from "./helpers";

/** A client whose every attempt is counted. */
function countingClient(sim: Simulator, key: string, options: { maxRetries?: number } = {}) {
  const attempts: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    attempts.push(`${request.method} ${new URL(request.url).pathname}`);
    return sim.fetch(request);
  };
  return {
    client: new LambdaCloudClient({ apiKey: key, fetch, baseUrl: BASE_URL, rateLimit: false, ...options }),
    attempts,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("fault injection", () => {
  it("status: answers the status with an API error envelope, once by default", async () => {
    const { sim, key } = harness();
    sim.faults.add({ kind: "status", status: 500, code: "global/internal-error", message: "boom" });
    const failed = await raw(sim, "/regions", { key });
    expect(failed.status).toBe(500);
    expect((await failed.json()).error).toMatchObject({ code: "global/internal-error", message: "boom" });
    expect((await raw(sim, "/regions", { key })).status).toBe(200);
  });

  it("status: sends a custom body when one is given", async () => {
    const { sim, key } = harness();
    sim.faults.add({ kind: "status", status: 418, body: { teapot: true } });
    const response = await raw(sim, "/regions", { key });
    expect([response.status, await response.json()]).toEqual([418, { teapot: true }]);
  });

  it("matches by method and by path template or concrete path, with or without the base path", async () => {
    const { sim, key } = harness();
    const instance = sim.state.launchInstance(launchable(sim));
    sim.faults.add({ kind: "status", status: 503, method: "POST", path: "/instances/{id}" });
    expect((await raw(sim, `/instances/${instance.id}`, { key })).status).toBe(200);
    sim.faults.clear();
    sim.faults.add({ kind: "status", status: 503, path: "/instances/{id}" });
    expect((await raw(sim, "/instances", { key })).status).toBe(200);
    expect((await raw(sim, `/instances/${instance.id}`, { key })).status).toBe(503);
    sim.faults.add({ kind: "status", status: 502, path: `/api/v1/instances/${instance.id}`, times: 2 });
    expect((await raw(sim, `/instances/${instance.id}`, { key })).status).toBe(502);
    expect(sim.faults.list()).toEqual([expect.objectContaining({ kind: "status", remaining: 1 })]);
    sim.faults.clear();
    expect(sim.faults.list()).toEqual([]);
  });

  it("add names what is wrong with a bad fault", () => {
    const { sim } = harness();
    expect(() => sim.faults.add({ kind: "explode" as never })).toThrow(/kind must be one of/);
    expect(() => sim.faults.add({ kind: "status", path: "instances" })).toThrow(/must start with "\/"/);
    expect(() => sim.faults.add({ kind: "status", times: 0 })).toThrow(/times/);
  });

  it("malformed-json, html and empty bodies reach the client as typed errors", async () => {
    const { sim, key } = harness();
    const { client } = countingClient(sim, key, { maxRetries: 0 });
    sim.faults.add({ kind: "malformed-json" });
    await expect(client.regions.list()).rejects.toBeInstanceOf(ResponseValidationError);
    sim.faults.add({ kind: "html" });
    await expect(client.regions.list()).rejects.toMatchObject({ status: 502, code: "http/502" });
    sim.faults.add({ kind: "empty" });
    await expect(client.regions.list()).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("delay holds the answer for ms before answering normally", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness();
    sim.faults.add({ kind: "delay", ms: 1_000 });
    let settled = false;
    const pending = raw(sim, "/regions", { key }).then((response) => {
      settled = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });

  it("reset makes the fetch reject with a TypeError, like a dropped connection", async () => {
    const { sim, key } = harness();
    sim.faults.add({ kind: "reset" });
    await expect(raw(sim, "/regions", { key })).rejects.toBeInstanceOf(TypeError);
  });

  it("provider-error answers a provider/* code that the client maps to ProviderError", async () => {
    const { sim, key } = harness();
    const { client } = countingClient(sim, key, { maxRetries: 0 });
    sim.faults.add({ kind: "provider-error", code: "provider/capacity-unavailable" });
    const error = await client.regions.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "provider/capacity-unavailable" });
  });

  it("after-commit applies the operation, then drops the connection", async () => {
    const { sim, key } = harness();
    sim.faults.add({ kind: "after-commit", method: "POST", path: "/ssh-keys" });
    await expect(
      raw(sim, "/ssh-keys", { method: "POST", key, body: JSON.stringify({ name: "k" }) }),
    ).rejects.toBeInstanceOf(TypeError);
    expect(sim.state.sshKeys().map((entry) => entry.name)).toEqual(["k"]);
  });
});

describe("the client's retry rules, proven against faults", () => {
  it("a GET recovers from a 503", async () => {
    const { sim, key } = harness();
    const { client, attempts } = countingClient(sim, key);
    sim.faults.add({ kind: "status", status: 503, method: "GET", path: "/regions", headers: { "retry-after": "0" } });
    expect((await client.regions.list()).length).toBeGreaterThan(0);
    expect(attempts).toEqual(["GET /api/v1/regions", "GET /api/v1/regions"]);
  });

  it("a GET recovers from a dropped connection", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness();
    const { client, attempts } = countingClient(sim, key);
    sim.faults.add({ kind: "reset", method: "GET", times: 2 });
    const regions = client.regions.list();
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await regions).length).toBeGreaterThan(0);
    expect(attempts).toHaveLength(3);
  });

  it("a GET recovers from a provider error, whatever its status", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness();
    const { client, attempts } = countingClient(sim, key);
    sim.faults.add({ kind: "provider-error", status: 400 });
    const regions = client.regions.list();
    await vi.advanceTimersByTimeAsync(10_000);
    await regions;
    expect(attempts).toHaveLength(2);
  });

  it("a launch that hits after-commit is not retried: the client finds it by its tag, and exactly one instance exists", async () => {
    const { sim, key } = harness();
    const { client, attempts } = countingClient(sim, key);
    sim.faults.add({ kind: "after-commit", path: "/instance-operations/launch" });
    const { instance_ids } = await client.instances.launch(launchable(sim));
    expect(attempts).toEqual(["POST /api/v1/instance-operations/launch", "GET /api/v1/instances"]);
    expect(sim.state.instances().map((instance) => instance.id)).toEqual(instance_ids);
  });

  it("a fault fires only on requests that reach the operation: refusals for the key or the rate leave it pending", async () => {
    const { sim, key } = harness({ rateLimit: true });
    const { client, attempts } = countingClient(sim, key, { maxRetries: 0 });
    const request = launchable(sim);
    const post = (as: string) =>
      raw(sim, "/instance-operations/launch", { method: "POST", body: JSON.stringify(request), key: as });
    expect((await post(key)).status).toBe(200);
    sim.faults.add({ kind: "after-commit", path: "/instance-operations/launch" });
    expect((await post("lc-wrong-key")).status).toBe(401);
    expect((await post(key)).status).toBe(429);
    expect(sim.faults.list()).toHaveLength(1);
    sim.clock.advance(12_000);
    await expect(client.instances.launch(request, { reconcileMs: 0 })).rejects.toBeInstanceOf(
      LaunchOutcomeUnknownError,
    );
    expect([sim.faults.list().length, sim.state.instances().length, attempts.length]).toEqual([0, 2, 1]);
  });

  it("a launch answered 503 is not retried either: the outcome is unknown", async () => {
    const { sim, key } = harness();
    const { client, attempts } = countingClient(sim, key);
    sim.faults.add({
      kind: "status",
      status: 503,
      path: "/instance-operations/launch",
      headers: { "retry-after": "0" },
    });
    await expect(client.instances.launch(launchable(sim), { reconcileMs: 0 })).rejects.toBeInstanceOf(
      LaunchOutcomeUnknownError,
    );
    expect(attempts).toHaveLength(1);
  });

  it("a 429 with Retry-After is honoured: the retry waits the given seconds", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness();
    const { client, attempts } = countingClient(sim, key);
    sim.faults.add({ kind: "status", status: 429, code: "global/rate-limited", headers: { "retry-after": "2" } });
    const keys = client.sshKeys.list();
    await vi.advanceTimersByTimeAsync(1_990);
    expect(attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(await keys).toEqual([]);
    expect(attempts).toHaveLength(2);
  });

  it("a POST refused with 429 is retried and applied once", async () => {
    const { sim, key } = harness();
    const { client, attempts } = countingClient(sim, key);
    sim.faults.add({ kind: "status", status: 429, method: "POST", headers: { "retry-after": "0" } });
    await client.sshKeys.create({ name: "once" });
    expect(attempts).toHaveLength(2);
    expect(sim.state.sshKeys()).toHaveLength(1);
  });

  it("a POST answered 500 is not retried", async () => {
    const { sim, key } = harness();
    const { client, attempts } = countingClient(sim, key);
    sim.faults.add({ kind: "status", status: 500, method: "POST", headers: { "retry-after": "0" } });
    await expect(client.sshKeys.create({ name: "x" })).rejects.toBeInstanceOf(APIError);
    expect(attempts).toHaveLength(1);
  });
});
