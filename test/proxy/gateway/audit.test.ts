import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditPage } from "../../../src/proxy/index.js";
import { gatewayHarness, launchable, sentinel, settle } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function page(
  gateway: ReturnType<typeof gatewayHarness>["gateway"],
  key: string,
  query = "",
): Promise<AuditPage> {
  const response = await gateway.audit(new URLSearchParams(query), key);
  expect(response.headers.get("content-type")).toBe("application/json");
  return (await response.json()) as AuditPage;
}

describe("gateway audit trail (fake timers, simulator)", () => {
  it("records who launched and terminated which instance, with the outcome and time, never the key or user_data", async () => {
    const { sim, gateway, send, key } = gatewayHarness();
    const secretUserData = sentinel();
    const idempotencyKey = crypto.randomUUID();
    const launched = await settle(
      send("launchInstance", {
        body: { ...launchable(sim), user_data: secretUserData },
        caller: "ada",
        idempotencyKey,
      }),
    );
    const instanceId = ((await launched.json()) as { data: { instance_ids: string[] } }).data.instance_ids[0]!;
    sim.clock.advance(sim.settings.bootMs);
    await settle(send("terminateInstance", { body: { instance_ids: [instanceId] }, caller: "grace" }));
    await settle(send("deleteSSHKey", { path: `/ssh-keys/${"f".repeat(32)}` }));

    const trail = await page(gateway, key);
    expect(trail.next_cursor).toBeNull();
    expect(
      trail.data.map(({ caller, operation, ids, status, outcome }) => ({ caller, operation, ids, status, outcome })),
    ).toEqual([
      {
        caller: "anonymous",
        operation: "deleteSSHKey",
        ids: ["f".repeat(32)],
        status: 404,
        outcome: "global/object-does-not-exist",
      },
      { caller: "grace", operation: "terminateInstance", ids: [instanceId], status: 200, outcome: "ok" },
      { caller: "ada", operation: "launchInstance", ids: [instanceId], status: 200, outcome: "ok" },
    ]);
    expect(trail.data[2]!.idempotencyKey).toBe(idempotencyKey);
    expect(Date.parse(trail.data[0]!.time)).toBeGreaterThanOrEqual(Date.parse(trail.data[2]!.time));
    const everything = JSON.stringify(trail);
    expect(everything.includes(key)).toBe(false);
    expect(everything.includes(secretUserData)).toBe(false);
  });

  it("records a launch whose outcome is unknown as such, with no status", async () => {
    const { sim, gateway, send, key } = gatewayHarness();
    sim.faults.add({ kind: "after-commit", path: "/instance-operations/launch" });
    await settle(send("launchInstance", { body: launchable(sim), caller: "ada" }));
    const [record] = (await page(gateway, key)).data;
    expect(record).toMatchObject({ operation: "launchInstance", status: null, outcome: "outcome-unknown", ids: [] });
  });

  it("pages newest first with limit and next_cursor, and refuses a limit out of range", async () => {
    const { gateway, send, key } = gatewayHarness();
    for (let index = 0; index < 5; index += 1)
      await settle(send("addSSHKey", { body: { name: `key-${index}` }, caller: `caller-${index}` }));
    const first = await page(gateway, key, "limit=2");
    expect(first.data.map((record) => record.caller)).toEqual(["caller-4", "caller-3"]);
    const second = await page(gateway, key, `limit=2&cursor=${first.next_cursor}`);
    expect(second.data.map((record) => record.caller)).toEqual(["caller-2", "caller-1"]);
    const last = await page(gateway, key, `limit=2&cursor=${second.next_cursor}`);
    expect(last.data.map((record) => record.caller)).toEqual(["caller-0"]);
    expect(last.next_cursor).toBeNull();
    const created = first.data[0]!.ids;
    expect(created).toHaveLength(1);
    expect(created[0]).toMatch(/^[0-9a-f]{32}$/);
    for (const limit of ["0", "101", "x"])
      expect((await gateway.audit(new URLSearchParams({ limit }), key)).status).toBe(400);
  });
});
