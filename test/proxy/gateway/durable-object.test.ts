// The gateway's Durable Object class and durableObjectGateway, in Node: the class is a plain class
// (nothing from cloudflare:workers), so it runs here on node:sqlite behind `ctx.storage.sql`,
// reached over the real internal hop (Request -> object.fetch -> Response) by a namespace that
// keeps one object per name, as Cloudflare does. The proxy in front, the simulator behind.
// In workerd the same class is exercised by test/proxy/gateway/ (wrangler dev).

import { randomUUID } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { inMemoryKey } from "../../../src/index";
import {
  defineGatewayObject,
  durableObjectGateway,
  type GatewayNamespace,
  gatewayObjectName,
} from "../../../src/proxy/durable-object";
import { createLambdaProxy, createMemoryGateway } from "../../../src/proxy/index";
import { createSimulator } from "../../../src/testing/index";
import { sqlOf } from "./node-sql";

function setup() {
  const key = `lc-sentinel-${randomUUID()}`;
  const sim = createSimulator({ apiKeys: [key], clock: "manual" });
  sim.state.addSSHKey({ name: "laptop" });
  sim.state.setCapacity("gpu_1x_a10", "us-west-1", 2);
  const Gateway = defineGatewayObject(() => ({ upstream: "https://sim.test/api/v1", fetch: sim.fetch }));
  const objects = new Map<string, InstanceType<typeof Gateway>>();
  const names: string[] = [];
  const namespace: GatewayNamespace<string> = {
    idFromName: (name) => {
      names.push(name);
      return name;
    },
    get: (name) => {
      let object = objects.get(name);
      if (!object) {
        object = new Gateway({ storage: { sql: sqlOf(new DatabaseSync(":memory:")) } }, {});
        objects.set(name, object);
      }
      return object;
    },
  };
  const proxy = createLambdaProxy({
    apiKey: inMemoryKey(key),
    allow: "read-write",
    authorize: async () => ({ id: "tester" }),
    gateway: durableObjectGateway(namespace),
    log: false,
  });
  const call = (path: string, init?: RequestInit) => proxy(new Request(`https://proxy.test${path}`, init));
  return { key, sim, names, call };
}

describe("the gateway Durable Object, reached through durableObjectGateway", () => {
  it("names the key's object by a SHA-256 hash of the key, never by the key", async () => {
    const { key, names, call } = setup();
    expect((await call("/api/v1/instances")).status).toBe(200);
    expect(names.every((name) => name === names[0])).toBe(true);
    expect(names[0]).toBe(await gatewayObjectName(key));
    expect(names[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(names[0]).not.toContain(key);
  });

  it("answers reads through the object, the second from its shared cache", async () => {
    const { sim, call } = setup();
    const first = await call("/api/v1/instances");
    const second = await call("/api/v1/instances");
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get("cache-status")).toContain("hit");
    expect(sim.traffic.snapshot().by_operation.listInstances).toBe(1);
  });

  it("performs a write once per Idempotency-Key, replays it, and records it in the audit trail", async () => {
    const { sim, call } = setup();
    const click = randomUUID();
    const launch = () =>
      call("/api/v1/instance-operations/launch", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": click },
        body: JSON.stringify({ region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] }),
      });
    const first = await launch();
    const again = await launch();
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(await first.text());
    expect(sim.traffic.snapshot().by_operation.launchInstance).toBe(1);
    const audit = (await (await call("/api/audit")).json()) as {
      data: { caller: string; operation: string; idempotencyKey: string }[];
    };
    expect(audit.data).toEqual([
      expect.objectContaining({ caller: "tester", operation: "launchInstance", idempotencyKey: click }),
    ]);
  });

  it("answers a write 503 proxy/gateway-unavailable when the object cannot be reached, and a read from the fallback", async () => {
    const sim = createSimulator({ apiKeys: ["k"], clock: "manual" });
    const unreachable: GatewayNamespace<string> = {
      idFromName: (name) => name,
      get: () => ({
        fetch: () => Promise.reject(Object.assign(new Error("Durable Object reset"), { retryable: false })),
      }),
    };
    const fallback = createMemoryGateway({ upstream: "https://sim.test/api/v1", fetch: sim.fetch });
    const proxy = createLambdaProxy({
      apiKey: inMemoryKey("k"),
      allow: "read-write",
      authorize: async () => true,
      gateway: durableObjectGateway(unreachable, { fallback }),
      log: false,
    });
    const write = await proxy(
      new Request("https://proxy.test/api/v1/instance-operations/terminate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ instance_ids: ["0".repeat(32)] }),
      }),
    );
    expect(write.status).toBe(503);
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe("proxy/gateway-unavailable");
    expect((await proxy(new Request("https://proxy.test/api/v1/instances"))).status).toBe(200);
    expect(sim.traffic.snapshot().by_operation).toEqual({ listInstances: 1 });
  });
});
