// Capacity watches in the gateway's Durable Object class, in Node (node:sqlite behind
// `ctx.storage.sql`, alarms recorded and fired by the test): the key for alarm runs comes from the
// object's env and must be the key the watch started with; watches live in the object's SQLite
// storage, so a new object over the same database (a restart) has them and sets its alarm.
// The proxy in front over the real hop, the simulator behind. In workerd: watch-restarts.test.ts.

import { randomUUID } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { inMemoryKey } from "../../../src/index";
import { defineGatewayObject, durableObjectGateway } from "../../../src/proxy/durable-object";
import { createLambdaProxy, WATCHES_PATH, type Watch } from "../../../src/proxy/index";
import { IDEMPOTENCY_TAG_KEY } from "../../../src/resources/idempotency";
import { createSimulator } from "../../../src/testing/index";
import { sqlOf } from "./node-sql";

interface Env {
  readonly KEY?: string;
}

function setup(env: Env, options: { watchKey?: boolean } = {}) {
  const key = `lc-sentinel-${randomUUID()}`;
  const sim = createSimulator({ apiKeys: [key], clock: "manual" });
  sim.state.addSSHKey({ name: "laptop" });
  sim.state.setCapacity("gpu_1x_a10", "us-west-1", 2);
  const Gateway = defineGatewayObject<Env>(() => ({ upstream: "https://sim.test/api/v1", fetch: sim.fetch }), {
    watchKey:
      options.watchKey === false ? undefined : (objectEnv) => (objectEnv.KEY === "the request's" ? key : objectEnv.KEY),
  });
  const database = new DatabaseSync(":memory:");
  const alarms: number[] = [];
  const newObject = () =>
    new Gateway({ storage: { sql: sqlOf(database), setAlarm: (at) => void alarms.push(at) } }, env);
  let object = newObject();
  const proxy = createLambdaProxy({
    apiKey: inMemoryKey(key),
    allow: "read-write",
    authorize: async () => ({ id: "tester" }),
    gateway: durableObjectGateway({ idFromName: (name) => name, get: () => object }),
    log: false,
  });
  const call = (path: string, init?: RequestInit) => proxy(new Request(`https://proxy.test${path}`, init));
  const start = () =>
    call(WATCHES_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ instance_types: ["gpu_1x_a10"], regions: ["us-west-1"], ssh_key_name: "laptop" }),
    });
  const list = async () => ((await (await call(WATCHES_PATH)).json()) as { data: Watch[] }).data;
  /** Every row of the object's watch tables, as text. */
  const stored = () =>
    JSON.stringify([
      database.prepare("SELECT * FROM gateway_watches").all(),
      database.prepare("SELECT * FROM gateway_watch_key").all(),
    ]);
  return {
    key,
    sim,
    stored,
    alarms,
    start,
    list,
    alarm: () => object.alarm(),
    restart: () => {
      object = newObject();
    },
  };
}

describe("capacity watches in the gateway Durable Object", () => {
  it("runs on its alarm with the key from its env, launches once, and survives a restart in its SQLite storage", async () => {
    const { key, sim, alarms, start, list, alarm, restart, stored } = setup({ KEY: "the request's" });
    const started = await start();
    expect(started.status).toBe(201);
    expect(alarms).toHaveLength(1);
    await alarm();
    const [watch] = await list();
    expect(watch).toMatchObject({ state: "launched", polls: 1, created_by: "tester" });
    const instances = sim.state.snapshot().instances;
    expect(instances.map((instance) => instance.id)).toEqual([watch!.instance_id]);
    expect(instances[0]!.tags).toContainEqual({ key: IDEMPOTENCY_TAG_KEY, value: watch!.launch!.token });

    restart();
    expect(await list()).toEqual([watch]);
    await alarm();
    expect(sim.state.snapshot().instances).toHaveLength(1);
    expect(stored()).toContain(watch!.id);
    expect(stored().includes(key)).toBe(false);
  });

  it("sets its alarm again when it starts over a watch still running", async () => {
    const { alarms, start, restart, list } = setup({ KEY: "the request's" });
    await start();
    restart();
    await list();
    expect(alarms).toHaveLength(2);
  });

  it("refuses to start a watch without a key in its env, or with another key there", async () => {
    const without = setup({}, { watchKey: false });
    expect((await without.start()).status).toBe(503);
    const other = setup({ KEY: "some-other-key" });
    const refused = await other.start();
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("proxy/gateway-unavailable");
    expect(await other.list()).toEqual([]);
  });
});
