// `client.withOptions(overrides)`: a derived client with some options changed that shares the
// original's key provider and rate limiter, so that the two together keep within the API's limits.
import { describe, expect, it, vi } from "vitest";
import { ConfigurationError, createRateLimiter, InternalServerError, type KeyProvider } from "../../src/index.js";
import { outcomeOf, useFakeBackoff } from "../helpers/fake-backoff.js";
import { apiError, clientFor, createMockApi, ok } from "../helpers/mock-api.js";

useFakeBackoff();

/** A mock API that records the fake time of each arrival. */
function timedApi() {
  const arrivals: number[] = [];
  const api = createMockApi(() => {
    arrivals.push(Date.now());
    return ok([]);
  });
  return { api, arrivals };
}

describe("client.withOptions", () => {
  it("shares the rate limiter: the original and the derived client together send 1 request per second", async () => {
    const { api, arrivals } = timedApi();
    const start = Date.now();
    const original = clientFor(api, { rateLimit: true });
    const derived = original.withOptions({ timeoutMs: 5_000 });
    const calls = [original.regions.list(), derived.regions.list(), original.regions.list(), derived.regions.list()];
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(calls);
    expect(arrivals.map((time) => time - start)).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it("stops sharing the limiter with rateLimit: false", async () => {
    const { api, arrivals } = timedApi();
    const original = clientFor(api, { rateLimit: true });
    await original.regions.list();
    const unlimited = original.withOptions({ rateLimit: false });
    await Promise.all([unlimited.regions.list(), unlimited.regions.list()]);
    expect(arrivals).toHaveLength(3);
  });

  it("takes a limiter of its own when given one, also from a client without rate limiting", async () => {
    const { api, arrivals } = timedApi();
    const start = Date.now();
    const unlimited = clientFor(api);
    const limited = unlimited.withOptions({ rateLimiter: createRateLimiter({ requestsPerSecond: 2, burst: 1 }) });
    const calls = [limited.regions.list(), limited.regions.list(), unlimited.regions.list()];
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(calls);
    expect(arrivals.map((time) => time - start).sort((a, b) => a - b)).toEqual([0, 0, 500]);
  });

  it("shares the key provider: both clients read the key from the same provider on each request", async () => {
    let reads = 0;
    const provider: KeyProvider = { name: "vault", getKey: () => `key-${++reads}` };
    const api = createMockApi(() => ok([]));
    const original = clientFor(api, { apiKey: provider });
    const derived = original.withOptions({ maxRetries: 0 });
    await original.regions.list();
    await derived.regions.list();
    expect(api.requests.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer key-1",
      "Bearer key-2",
    ]);
    expect(derived.toJSON()).toEqual(original.toJSON());
    expect(JSON.stringify(derived)).toBe('{"baseUrl":"https://api.test/api/v1","apiKey":"<from vault>"}');
  });

  it("applies the overrides to the derived client only", async () => {
    const api = createMockApi(() => apiError(503, "global/unavailable"));
    const original = clientFor(api);
    const failFast = original.withOptions({ maxRetries: 0 });
    expect(await outcomeOf(failFast.regions.list())).toEqual({ error: expect.any(InternalServerError) });
    expect(api.requests).toHaveLength(1);
    const retried = outcomeOf(original.regions.list());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await retried).toEqual({ error: expect.any(InternalServerError) });
    expect(api.requests).toHaveLength(4);
  });

  it("keeps the base URL and the other options, and takes a new base URL or key when given", async () => {
    const api = createMockApi(() => ok([]));
    const original = clientFor(api, { userAgent: "ci-bot/1" });
    const derived = original.withOptions({ baseUrl: "http://127.0.0.1:8788/api/v1", apiKey: "other-key" });
    await derived.regions.list();
    const [request] = api.requests;
    expect(request?.url.href).toBe("http://127.0.0.1:8788/api/v1/regions");
    expect(request?.headers.get("authorization")).toBe("Bearer other-key");
    expect(request?.headers.get("user-agent")).toBe("ci-bot/1");
    expect(original.baseUrl).toBe("https://api.test/api/v1");
  });

  it("checks the overrides like the constructor does", () => {
    const original = clientFor(createMockApi(() => ok([])));
    expect(() => original.withOptions({ maxRetries: -1 })).toThrow(ConfigurationError);
    expect(() => original.withOptions({ timeout: 5 } as never)).toThrow(
      "LambdaCloudClient option timeout: is not an option of LambdaCloudClient",
    );
  });
});

describe("per-call maxRetries", () => {
  it("overrides the client's for that call only, in both directions", async () => {
    const api = createMockApi(() => apiError(503, "global/unavailable"));
    const client = clientFor(api, { maxRetries: 1 });
    expect(await outcomeOf(client.regions.list({ maxRetries: 0 }))).toEqual({ error: expect.any(InternalServerError) });
    expect(api.requests).toHaveLength(1);
    const more = outcomeOf(client.regions.list({ maxRetries: 3 }));
    await vi.advanceTimersByTimeAsync(10_000);
    await more;
    expect(api.requests).toHaveLength(5);
    const usual = outcomeOf(client.regions.list());
    await vi.advanceTimersByTimeAsync(10_000);
    await usual;
    expect(api.requests).toHaveLength(7);
  });

  it("never makes an unsafe POST retried", async () => {
    const api = createMockApi(() => apiError(500, "global/internal-error"));
    const client = clientFor(api);
    const outcome = outcomeOf(client.sshKeys.create({ name: "ci" }, { maxRetries: 5 }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await outcome).toEqual({ error: expect.any(InternalServerError) });
    expect(api.requests).toHaveLength(1);
  });

  it.each([
    [{ maxRetries: -1 }, "options.maxRetries must be a whole number ≥ 0, such as 2 (0 turns retries off); got -1"],
    [
      { maxRetries: "3" },
      "options.maxRetries must be a whole number ≥ 0, such as 2 (0 turns retries off); got a string",
    ],
    [{ timeoutMs: 0 }, "options.timeoutMs must be a number of milliseconds > 0, such as 30_000; got 0"],
  ])("refuses %j before sending, naming the option", async (options, message) => {
    const api = createMockApi(() => ok([]));
    await expect(clientFor(api).regions.list(options as never)).rejects.toThrow(
      `Invalid arguments for listRegions; nothing was sent: ${message}.`,
    );
    expect(api.requests).toHaveLength(0);
  });
});
