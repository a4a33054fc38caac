import { afterEach, describe, expect, it, vi } from "vitest";
import {
  IDEMPOTENCY_TAG_KEY,
  LambdaCloudClient,
  LaunchOutcomeUnknownError,
  operations,
  RequestValidationError,
} from "../../src/index.js";
import type { Simulator } from "../../src/testing/index.js";
import { BASE_URL, harness, launchable } from "../testing/helpers.js";

const LAUNCH = operations.launchInstance.path;

/** A client of the simulator that records each request's method, path and JSON body. */
function recordingClient(sim: Simulator, key: string) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname.replace("/api/v1", ""),
      body: text ? JSON.parse(text) : undefined,
    });
    return sim.fetch(request);
  };
  const client = new LambdaCloudClient({ apiKey: key, fetch, baseUrl: BASE_URL, rateLimit: false });
  return {
    client,
    launches: () => sent.filter((entry) => entry.path === LAUNCH),
    lists: () => sent.filter((entry) => entry.path === operations.listInstances.path),
  };
}

function tagsSent(body: unknown): { key: string; value: string }[] {
  return (body as { tags?: { key: string; value: string }[] }).tags ?? [];
}

afterEach(() => {
  vi.useRealTimers();
});

describe("instances.launch: the idempotency tag", () => {
  it("tags every launch with a fresh random token, and the instance keeps the tag", async () => {
    const { sim, key } = harness();
    const { client, launches } = recordingClient(sim, key);
    const request = launchable(sim);
    await client.instances.launch(request);
    await client.instances.launch(request);
    const [first, second] = launches().map((entry) => tagsSent(entry.body));
    expect(first).toEqual([{ key: IDEMPOTENCY_TAG_KEY, value: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect(second![0]!.value).not.toBe(first![0]!.value);
    expect(sim.state.instances().map((instance) => instance.tags)).toEqual([first, second]);
  });

  it("honours the caller's token, keeps the caller's other tags, and sends no tag with false", async () => {
    const { sim, key } = harness();
    const { client, launches } = recordingClient(sim, key);
    const request = { ...launchable(sim), tags: [{ key: "team", value: "ml" }] };
    await client.instances.launch(request, { idempotencyToken: "nightly-run-42" });
    await client.instances.launch(request, { idempotencyToken: false });
    expect(launches().map((entry) => tagsSent(entry.body))).toEqual([
      [
        { key: "team", value: "ml" },
        { key: IDEMPOTENCY_TAG_KEY, value: "nightly-run-42" },
      ],
      [{ key: "team", value: "ml" }],
    ]);
    expect(request.tags).toEqual([{ key: "team", value: "ml" }]);
  });

  it("keeps a caller's tag with the key as the token, and refuses a different token or an empty one before sending", async () => {
    const { sim, key } = harness();
    const { client, launches } = recordingClient(sim, key);
    const request = { ...launchable(sim), tags: [{ key: IDEMPOTENCY_TAG_KEY, value: "mine" }] };
    await client.instances.launch(request);
    expect(tagsSent(launches()[0]!.body)).toEqual([{ key: IDEMPOTENCY_TAG_KEY, value: "mine" }]);
    await expect(client.instances.launch(request, { idempotencyToken: "other" })).rejects.toBeInstanceOf(
      RequestValidationError,
    );
    await expect(client.instances.launch(launchable(sim), { idempotencyToken: "" })).rejects.toThrow(
      "idempotencyToken must not be empty",
    );
    await expect(client.instances.launch(launchable(sim), { idempotencyToken: "x".repeat(129) })).rejects.toThrow(
      /tags\[0\]\.value must be at most 128/,
    );
    expect(launches()).toHaveLength(1);
  });
});

describe("instances.launch: reconciliation when the outcome is unknown", () => {
  it("after-commit: resolves with the instance found by its tag, one launch sent, exactly one instance", async () => {
    const { sim, key } = harness();
    const { client, launches, lists } = recordingClient(sim, key);
    sim.faults.add({ kind: "after-commit", path: LAUNCH });
    const { instance_ids } = await client.instances.launch(launchable(sim));
    expect(sim.state.instances().map((instance) => instance.id)).toEqual(instance_ids);
    expect(instance_ids).toHaveLength(1);
    expect([launches().length, lists().length]).toEqual([1, 1]);
  });

  it("a 503 that launched nothing: after the window, LaunchOutcomeUnknownError with the token; findByIdempotencyToken finds nothing, then the instance once it appears", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness();
    const { client, launches, lists } = recordingClient(sim, key);
    sim.faults.add({ kind: "status", status: 503, path: LAUNCH });
    const outcome = client.instances
      .launch(launchable(sim), { reconcileMs: 20_000, reconcileIntervalMs: 5_000 })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(20_000);
    const error = (await outcome) as LaunchOutcomeUnknownError;
    expect(error).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect(error.token).toBe(tagsSent(launches()[0]!.body)[0]!.value);
    expect(error.message).toContain(`findByIdempotencyToken("${error.token}")`);
    expect([launches().length, lists().length]).toEqual([1, 4]);
    expect(await client.instances.findByIdempotencyToken(error.token!)).toEqual([]);

    const late = sim.state.launchInstance({
      ...launchable(sim),
      tags: [{ key: IDEMPOTENCY_TAG_KEY, value: error.token! }],
    });
    sim.state.launchInstance(launchable(sim));
    expect((await client.instances.findByIdempotencyToken(error.token!)).map((instance) => instance.id)).toEqual([
      late.id,
    ]);
  });

  it("a reset before the launch applied: lists within the default 60 s window, then throws; nothing launched, nothing re-sent", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness();
    const { client, launches, lists } = recordingClient(sim, key);
    sim.faults.add({ kind: "reset", path: LAUNCH });
    const outcome = client.instances.launch(launchable(sim)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(lists()).toHaveLength(12);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect([launches().length, sim.state.instances().length]).toEqual([1, 0]);
  });

  it("finds an instance that appears during the window, and list failures meanwhile only mean not seen yet", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness();
    const { client, launches } = recordingClient(sim, key);
    sim.faults.add({ kind: "status", status: 500, path: LAUNCH });
    sim.faults.add({ kind: "reset", path: operations.listInstances.path, times: 2 });
    const outcome = client.instances.launch(launchable(sim), { idempotencyToken: "late-one" });
    await vi.advanceTimersByTimeAsync(10_000);
    const instance = sim.state.launchInstance({
      ...launchable(sim),
      tags: [{ key: IDEMPOTENCY_TAG_KEY, value: "late-one" }],
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await outcome).toEqual({ instance_ids: [instance.id] });
    expect(launches()).toHaveLength(1);
  });

  it("reconcileMs: 0 throws at once, with the token", async () => {
    const { sim, key } = harness();
    const { client, lists } = recordingClient(sim, key);
    sim.faults.add({ kind: "status", status: 502, path: LAUNCH });
    const error = await client.instances
      .launch(launchable(sim), { reconcileMs: 0, idempotencyToken: "now" })
      .catch((caught: unknown) => caught);
    expect([(error as LaunchOutcomeUnknownError).token, lists().length]).toEqual(["now", 0]);
  });

  it("without a token there is nothing to look for: idempotencyToken false throws at once", async () => {
    const { sim, key } = harness();
    const { client, lists } = recordingClient(sim, key);
    sim.faults.add({ kind: "status", status: 503, path: LAUNCH });
    const error = await client.instances
      .launch(launchable(sim), { idempotencyToken: false })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect([(error as LaunchOutcomeUnknownError).token, lists().length]).toEqual([undefined, 0]);
  });

  it("an abort during reconciliation rejects with the signal's reason", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness();
    const { client, lists } = recordingClient(sim, key);
    sim.faults.add({ kind: "status", status: 503, path: LAUNCH });
    const controller = new AbortController();
    const outcome = client.instances
      .launch(launchable(sim), { signal: controller.signal })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(7_000);
    const reason = new Error("user cancelled");
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    expect(lists()).toHaveLength(2);
  });

  it("polls through the client's rate limiter: the simulator's rate limit never refuses a list", async () => {
    vi.useFakeTimers();
    const { sim, key } = harness({ rateLimit: true, clock: "real" });
    const client = new LambdaCloudClient({ apiKey: key, fetch: sim.fetch, baseUrl: BASE_URL, maxRetries: 0 });
    sim.faults.add({ kind: "status", status: 503, path: LAUNCH });
    const outcome = client.instances
      .launch(launchable(sim), { reconcileMs: 5_000, reconcileIntervalMs: 0 })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(await outcome).toBeInstanceOf(LaunchOutcomeUnknownError);
    const { by_status, by_operation } = sim.traffic.snapshot();
    expect(by_status["429"]).toBeUndefined();
    expect(by_operation.listInstances).toBeGreaterThanOrEqual(3);
  });
});
