// The capacity watches' paths through createLambdaProxy: listing is authorized as a read,
// starting and cancelling as writes (and counted per caller); a proxy without watches or without
// launches answers 404. A memory gateway in front of the simulator, on fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createMemoryGateway,
  createWatches,
  type Gateway,
  IDEMPOTENT_REPLAY_HEADER,
  type LambdaProxyOptions,
  memoryWatchStore,
  WATCHES_PATH,
  type Watch,
} from "../../../src/proxy/index.js";
import { createSimulator } from "../../../src/testing/index.js";
import { BASE_URL, CALLER_TOKEN, proxyForCallers, sentinel } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const SPEC = { instance_types: ["gpu_1x_h100_pcie"], ssh_key_name: "laptop" };

function proxyWithWatches(options: Partial<LambdaProxyOptions> & { watches?: boolean } = {}) {
  const key = sentinel();
  const sim = createSimulator({ apiKeys: [key], clock: "real", rateLimit: true });
  sim.state.addSSHKey({ name: "laptop" });
  const engine = createMemoryGateway({ upstream: BASE_URL, fetch: sim.fetch });
  // The test runs nothing on timers: it only checks who may reach the watches.
  const watches = createWatches({
    gateway: engine,
    store: memoryWatchStore(),
    keyForRuns: async () => key,
    wakeAt: () => undefined,
  });
  const gateway: Gateway = options.watches === false ? engine : { ...engine, watches: watches.serve };
  const { call, counts, logs, authorized } = proxyForCallers(key, gateway, Number.POSITIVE_INFINITY, options);
  const withToken = { authorization: CALLER_TOKEN, "content-type": "application/json" };
  return { key, call, withToken, counts, logs, authorized };
}

describe("the capacity watches' paths through createLambdaProxy", () => {
  it("lists for readers, starts and cancels only for writers, and counts writes per caller", async () => {
    const { key, call, withToken, counts, logs, authorized } = proxyWithWatches();
    const listed = await call(WATCHES_PATH);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ data: [] });

    expect((await call(WATCHES_PATH, { method: "POST", body: JSON.stringify(SPEC) })).status).toBe(401);
    const started = await call(WATCHES_PATH, { method: "POST", body: JSON.stringify(SPEC), headers: withToken });
    expect(started.status).toBe(201);
    const watch = ((await started.json()) as { data: Watch }).data;
    expect(watch).toMatchObject({
      state: "watching",
      created_by: "ada",
      spec: { instance_types: SPEC.instance_types, regions: [] },
    });

    expect((await call(`${WATCHES_PATH}/${watch.id}`, { method: "DELETE" })).status).toBe(401);
    const cancelled = await call(`${WATCHES_PATH}/${watch.id}`, { method: "DELETE", headers: withToken });
    expect(((await cancelled.json()) as { data: Watch }).data.state).toBe("cancelled");
    const read = await call(`${WATCHES_PATH}/${watch.id}`);
    expect(((await read.json()) as { data: Watch }).data.state).toBe("cancelled");

    expect(authorized.filter(({ operation }) => operation.endsWith("Watch") || operation.endsWith("Watches"))).toEqual([
      { operation: "listWatches", access: "read" },
      { operation: "createWatch", access: "write" },
      { operation: "createWatch", access: "write" },
      { operation: "cancelWatch", access: "write" },
      { operation: "cancelWatch", access: "write" },
      { operation: "listWatches", access: "read" },
    ]);
    // Reads are not counted with a gateway; the two writes are.
    expect(counts.get("ada")).toBe(2);
    expect(logs.map((record) => record.operation)).toContain("createWatch");
    expect(JSON.stringify(logs).includes(key)).toBe(false);
  });

  it("starts one watch for a double click: a start repeated with its Idempotency-Key gets the same watch, marked replayed", async () => {
    const { call, withToken } = proxyWithWatches();
    const click = { ...withToken, "idempotency-key": crypto.randomUUID() };
    const first = await call(WATCHES_PATH, { method: "POST", body: JSON.stringify(SPEC), headers: click });
    const again = await call(WATCHES_PATH, { method: "POST", body: JSON.stringify(SPEC), headers: click });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBe("true");
    expect(((await again.json()) as { data: Watch }).data.id).toBe(((await first.json()) as { data: Watch }).data.id);
    const listed = (await (await call(WATCHES_PATH)).json()) as { data: Watch[] };
    expect(listed.data).toHaveLength(1);
    const bad = await call(WATCHES_PATH, {
      method: "POST",
      body: JSON.stringify(SPEC),
      headers: { ...withToken, "idempotency-key": "has spaces" },
    });
    expect(bad.status).toBe(400);
  });

  it("answers bad fields 400, other methods 405", async () => {
    const { call, withToken } = proxyWithWatches();
    const bad = await call(WATCHES_PATH, {
      method: "POST",
      body: JSON.stringify({ ssh_key_name: "laptop" }),
      headers: withToken,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
      "instance_types must be a list",
    );
    expect((await call(WATCHES_PATH, { method: "PUT", headers: withToken })).status).toBe(405);
    expect((await call(`${WATCHES_PATH}/some-id`, { method: "POST", headers: withToken })).status).toBe(405);
  });

  it.each([
    ["a gateway without watches", { watches: false }],
    ["a read-only proxy", { allow: "read" as const }],
  ])("answers 404 through %s", async (_case, options) => {
    const { call, withToken } = proxyWithWatches(options);
    const answer = await call(WATCHES_PATH, { headers: withToken });
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("proxy/route-not-allowed");
  });
});
