// Two separate front Workers share one gateway Durable Object (test/proxy/gateway/stack.ts), in real
// workerd through `wrangler dev`, in front of the simulator bin with the API's limits: reads
// through both fronts together never exceed the key's limit upstream (the simulator would answer
// 429), and an idempotency key used through one front is honoured through the other.
// Needs `npm run build`.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRateLimitedSimulator, startTwoFronts, type TwoFronts } from "./stack";

const key = `lc-sentinel-${randomUUID()}`;
const token = randomBytes(32).toString("hex");
const auth = { authorization: `Bearer ${token}` };
let simulator: Awaited<ReturnType<typeof startRateLimitedSimulator>>;
let fronts: TwoFronts;

beforeAll(async () => {
  simulator = await startRateLimitedSimulator(key);
  fronts = await startTwoFronts({ upstream: simulator.url, key, dashboardToken: token });
}, 120_000);

afterAll(async () => {
  await fronts?.stop();
  await simulator?.stop();
}, 30_000);

describe("two front Workers sharing one gateway object", () => {
  it("keep their combined upstream calls within the key's limit: every read succeeds and the API refuses none", async () => {
    const before = await simulator.traffic();
    const paths = ["/api/v1/instances", "/api/v1/instance-types", "/api/v1/ssh-keys", "/api/v1/regions"];
    const reads = Array.from({ length: 40 }, (_, i) =>
      fetch(`${fronts.front(i % 2 ? "a" : "b")}${paths[i % paths.length]}`, { headers: auth }),
    );
    const statuses = await Promise.all(reads.map(async (read) => (await read).status));
    const after = await simulator.traffic();
    expect(statuses).toEqual(Array(40).fill(200));
    expect((after.by_status["429"] ?? 0) - (before.by_status["429"] ?? 0)).toBe(0);
    // Identical reads were shared: at most one upstream call per distinct path.
    expect(after.requests - before.requests).toBeLessThanOrEqual(paths.length);
  }, 60_000);

  it("honour an idempotency key used through one front when the same write comes through the other", async () => {
    await simulator.admin("capacity", { instance_type_name: "gpu_1x_a10", region_name: "us-west-1", units: 2 });
    const sshKey = await fetch(`${fronts.front("a")}/api/v1/ssh-keys`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ name: "across" }),
    });
    expect(sshKey.status).toBe(200);
    const launch = {
      name: "across",
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a10",
      ssh_key_names: ["across"],
    };
    const click = randomUUID();
    const send = (front: "a" | "b") =>
      fetch(`${fronts.front(front)}/api/v1/instance-operations/launch`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json", "idempotency-key": click },
        body: JSON.stringify(launch),
      });
    const first = await send("a");
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    const again = await send("b");
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(firstBody);
    expect((await simulator.traffic()).by_operation.launchInstance).toBe(1);
    // One audit record, readable through either front.
    const audit = (await (await fetch(`${fronts.front("b")}/api/audit`, { headers: auth })).json()) as {
      data: { operation: string; idempotencyKey: string | null }[];
    };
    expect(audit.data.filter((record) => record.operation === "launchInstance")).toEqual([
      expect.objectContaining({ idempotencyKey: click, outcome: "ok" }),
    ]);
  }, 60_000);

  it("never let the key reach wrangler's output", () => {
    expect(fronts.output()).not.toContain(key);
  });
});
