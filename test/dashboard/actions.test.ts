// @vitest-environment happy-dom
// Writes as user actions (examples/worker/dashboard/actions.ts): each action sends a fresh
// Idempotency-Key (a UUID, the header name from the gateway contract); "Try again" after a
// refusal that surely changed nothing sends the same key; a launch whose outcome is unknown is
// not offered again. The writes go through the real client and the real proxy to the simulator,
// and the test reads the header the proxy received.
import { APIConnectionError, inMemoryKey, LambdaCloudClient, LaunchOutcomeUnknownError } from "lambda-cloud";
import { createLambdaProxy } from "lambda-cloud/proxy";
import { createSimulator } from "lambda-cloud/testing";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { newAction, performWrite, safeToRetry } from "../../examples/worker/dashboard/actions";
import { IDEMPOTENCY_HEADER } from "../../src/proxy/gateway/contract";
import { loadDashboardPage } from "./page";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The client → proxy → simulator chain, recording the Idempotency-Key of each request the proxy gets; `refuse` answers 429 first. */
function chain(options: { refuseFirst?: number } = {}) {
  const apiKey = `lc-sentinel-${crypto.randomUUID()}`;
  const simulator = createSimulator({ apiKeys: [apiKey], seed: 3 });
  simulator.state.addSSHKey({ name: "laptop" });
  const proxy = createLambdaProxy({
    apiKey: inMemoryKey(apiKey),
    upstream: "https://simulator.invalid/api/v1",
    allow: "read-write",
    authorize: async () => ({ id: "test" }),
    fetch: simulator.fetch,
  });
  const seen: (string | null)[] = [];
  let refusals = options.refuseFirst ?? 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method !== "GET") seen.push(request.headers.get(IDEMPOTENCY_HEADER));
    if (request.method !== "GET" && refusals > 0) {
      refusals -= 1;
      return Response.json({ error: { code: "proxy/rate-limited", message: "Too many requests." } }, { status: 429 });
    }
    return proxy(request, {}, undefined as never);
  };
  const client = new LambdaCloudClient({
    baseUrl: "https://dashboard.test/api/v1",
    apiKey: false,
    fetch,
    rateLimit: false,
    maxRetries: 0,
  });
  return { client, seen };
}

const tryAgain = () =>
  [...document.querySelectorAll<HTMLButtonElement>("#notices button")].find(
    (button) => button.textContent === "Try again",
  );

beforeEach(() => loadDashboardPage());

describe("user actions", () => {
  it("gives every action a fresh UUID Idempotency-Key", () => {
    const keys = Array.from({ length: 5 }, () => newAction());
    for (const action of keys) {
      expect(action.idempotencyKey).toMatch(UUID);
      expect(new Headers(action.options.headers).get(IDEMPOTENCY_HEADER)).toBe(action.idempotencyKey);
    }
    expect(new Set(keys.map((action) => action.idempotencyKey)).size).toBe(5);
  });

  it("sends the action's key with the write, and one key per action", async () => {
    const { client, seen } = chain();
    const done = vi.fn();
    await performWrite((options) => client.sshKeys.create({ name: "one" }, options), { done });
    await performWrite((options) => client.sshKeys.create({ name: "two" }, options), { done });
    expect(done).toHaveBeenCalledTimes(2);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(UUID);
    expect(seen[1]).toMatch(UUID);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it("offers Try again after a refusal that changed nothing, and retries with the same key", async () => {
    const { client, seen } = chain({ refuseFirst: 1 });
    const done = vi.fn();
    const failed = vi.fn();
    await performWrite((options) => client.sshKeys.create({ name: "retried" }, options), { done, failed });
    expect(failed).toHaveBeenCalledTimes(1);
    expect(done).not.toHaveBeenCalled();
    const button = tryAgain();
    expect(button).toBeDefined();
    button?.click();
    await vi.waitFor(() => expect(done).toHaveBeenCalledTimes(1));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
  });

  it("does not offer Try again when a launch's outcome is unknown", async () => {
    await performWrite(
      () => Promise.reject(new LaunchOutcomeUnknownError(new APIConnectionError("connection reset"))),
      { done: vi.fn() },
    );
    expect(document.querySelector("#notices .notice.error")?.textContent).toContain("Launch outcome unknown");
    expect(tryAgain()).toBeUndefined();
    expect(safeToRetry(new LaunchOutcomeUnknownError(new APIConnectionError("reset")))).toBe(false);
  });
});
