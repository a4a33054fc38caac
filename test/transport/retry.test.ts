import { describe, expect, it, vi } from "vitest";
import {
  type InstanceLaunchRequest,
  InternalServerError,
  LaunchOutcomeUnknownError,
  RateLimitError,
} from "../../src/index.js";
import { backoffDelay, shouldRetry } from "../../src/transport/retry-policy.js";
import { outcomeOf, useFakeBackoff } from "../helpers/fake-backoff.js";
import { apiError, clientFor, createMockApi, ok } from "../helpers/mock-api.js";

const launch = {
  region_name: "us-west-1",
  instance_type_name: "gpu_1x_a10",
  ssh_key_names: ["laptop"],
} satisfies InstanceLaunchRequest;
const reset = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

useFakeBackoff();

describe("retry decisions", () => {
  it("backs off exponentially from 500 ms and caps at 8 s", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(backoffDelay)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it("never retries a POST except on 429, and forces retries of provider/* codes for other methods", async () => {
    const { HTTPError } = await import("ky");
    const httpError = (status: number, code?: string) => {
      const error = new HTTPError(new Response(null, { status }), new Request("https://x.test"), {} as never);
      error.data = code ? { error: { code } } : undefined;
      return error;
    };
    expect(shouldRetry("POST", httpError(500))).toBe(false);
    expect(shouldRetry("POST", new TypeError("fetch failed"))).toBe(false);
    expect(shouldRetry("POST", httpError(429))).toBeUndefined();
    expect(shouldRetry("GET", httpError(400, "provider/internal-unavailable"))).toBe(true);
    expect(shouldRetry("GET", httpError(503, "provider/internal-unavailable"))).toBeUndefined();
    expect(shouldRetry("GET", httpError(400, "global/invalid-parameters"))).toBeUndefined();
  });
});

describe("retries through the client (fake timers)", () => {
  it("retries a GET after 503 with jittered backoff and returns the later success", async () => {
    const api = createMockApi((_r, attempt) => (attempt === 1 ? apiError(503, "global/unavailable") : ok([])));
    const outcome = outcomeOf(clientFor(api).regions.list());
    await vi.advanceTimersByTimeAsync(0);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(249); // full jitter of 500 ms with random() = 0.5
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toEqual({ value: [] });
    expect(api.requests).toHaveLength(2);
  });

  it("retries a GET after a connection reset", async () => {
    const api = createMockApi((_r, attempt) => (attempt === 1 ? reset() : ok([])));
    const outcome = outcomeOf(clientFor(api).regions.list());
    await vi.advanceTimersByTimeAsync(1000);
    expect(await outcome).toEqual({ value: [] });
  });

  it("retries provider/* errors even with a 400 status", async () => {
    const api = createMockApi((_r, attempt) =>
      attempt === 1 ? apiError(400, "provider/internal-unavailable") : ok([]),
    );
    const outcome = outcomeOf(clientFor(api).regions.list());
    await vi.advanceTimersByTimeAsync(1000);
    expect(await outcome).toEqual({ value: [] });
  });

  it("gives up after maxRetries and throws the last error", async () => {
    const api = createMockApi(() => apiError(502, "global/internal-error"));
    const outcome = outcomeOf(clientFor(api, { maxRetries: 3 }).regions.list());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(((await outcome) as { error: unknown }).error).toBeInstanceOf(InternalServerError);
    expect(api.requests).toHaveLength(4);
  });

  it("waits exactly the Retry-After seconds, without jitter", async () => {
    const api = createMockApi((_r, attempt) =>
      attempt === 1 ? new Response(null, { status: 429, headers: { "retry-after": "3" } }) : ok([]),
    );
    const outcome = outcomeOf(clientFor(api).regions.list());
    await vi.advanceTimersByTimeAsync(2999);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toEqual({ value: [] });
  });

  it("honours Retry-After given as an HTTP date", async () => {
    vi.setSystemTime(new Date("2026-11-28T12:00:00Z"));
    const retryAt = new Date("2026-11-28T12:00:05Z").toUTCString();
    const api = createMockApi((_r, attempt) =>
      attempt === 1 ? new Response(null, { status: 503, headers: { "retry-after": retryAt } }) : ok([]),
    );
    const outcome = outcomeOf(clientFor(api).regions.list());
    await vi.advanceTimersByTimeAsync(4999);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toEqual({ value: [] });
  });

  it("caps a huge Retry-After at 60 s", async () => {
    const api = createMockApi((_r, attempt) =>
      attempt === 1 ? new Response(null, { status: 429, headers: { "retry-after": "86400" } }) : ok([]),
    );
    const outcome = outcomeOf(clientFor(api).regions.list());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await outcome).toEqual({ value: [] });
  });

  it("retries a POST on 429, which the server refused before acting", async () => {
    const api = createMockApi((_r, attempt) =>
      attempt === 1
        ? new Response(null, { status: 429, headers: { "retry-after": "1" } })
        : ok({ instance_ids: ["a".repeat(32)] }),
    );
    const outcome = outcomeOf(clientFor(api).instances.launch(launch));
    await vi.advanceTimersByTimeAsync(1000);
    expect(await outcome).toEqual({ value: { instance_ids: ["a".repeat(32)] } });
    expect(api.requests).toHaveLength(2);
  });

  it("does not retry a POST that failed with 500", async () => {
    const api = createMockApi(() => apiError(500, "global/internal-error"));
    const outcome = outcomeOf(clientFor(api).sshKeys.create({ name: "k" }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(((await outcome) as { error: unknown }).error).toBeInstanceOf(InternalServerError);
    expect(api.requests).toHaveLength(1);
  });

  it("never retries a launch after a 500: it throws LaunchOutcomeUnknownError explaining how to check", async () => {
    const api = createMockApi(() => apiError(500, "global/internal-error"));
    const outcome = outcomeOf(clientFor(api).instances.launch(launch, { reconcileMs: 0 }));
    await vi.advanceTimersByTimeAsync(60_000);
    const { error } = (await outcome) as { error: LaunchOutcomeUnknownError };
    expect(error).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect(error.cause).toBeInstanceOf(InternalServerError);
    expect(error.message).toContain("may have been launched");
    expect(error.message).toContain(`client.instances.findByIdempotencyToken("${error.token}")`);
    expect(api.requests).toHaveLength(1);
  });

  it("never retries a launch after a connection reset", async () => {
    const api = createMockApi(() => reset());
    const outcome = outcomeOf(clientFor(api).instances.launch(launch, { reconcileMs: 0 }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(((await outcome) as { error: unknown }).error).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect(api.requests).toHaveLength(1);
  });

  it("never retries a launch after a timeout", async () => {
    const api = createMockApi(() => new Promise<Response>(() => {}));
    const outcome = outcomeOf(clientFor(api, { timeoutMs: 1000 }).instances.launch(launch, { reconcileMs: 0 }));
    await vi.advanceTimersByTimeAsync(60_000);
    const { error } = (await outcome) as { error: LaunchOutcomeUnknownError };
    expect(error).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect(error.cause.name).toBe("APITimeoutError");
    expect(api.requests).toHaveLength(1);
  });

  it("retries a GET that timed out", async () => {
    const api = createMockApi((_r, attempt) => (attempt === 1 ? new Promise<Response>(() => {}) : ok([])));
    const outcome = outcomeOf(clientFor(api, { timeoutMs: 1000 }).regions.list());
    await vi.advanceTimersByTimeAsync(2000);
    expect(await outcome).toEqual({ value: [] });
  });

  it("ends a backoff wait at once when the signal aborts, with the signal's reason", async () => {
    const api = createMockApi(() => new Response(null, { status: 429, headers: { "retry-after": "30" } }));
    const controller = new AbortController();
    const outcome = outcomeOf(clientFor(api).regions.list({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    expect(api.requests).toHaveLength(1);
    controller.abort();
    const { error } = (await outcome) as { error: DOMException };
    expect(error.name).toBe("AbortError");
    expect(vi.getTimerCount()).toBe(0);
    expect(api.requests).toHaveLength(1);
  });

  it("throws RateLimitError once retries are used up", async () => {
    const api = createMockApi(() => new Response(null, { status: 429, headers: { "retry-after": "1" } }));
    const outcome = outcomeOf(clientFor(api, { maxRetries: 1 }).regions.list());
    await vi.advanceTimersByTimeAsync(5000);
    expect(((await outcome) as { error: unknown }).error).toBeInstanceOf(RateLimitError);
    expect(api.requests).toHaveLength(2);
  });
});
