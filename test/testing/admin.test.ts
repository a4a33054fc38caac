import { describe, expect, it } from "vitest";
import { createSimulator } from "../../src/testing/index";

const admin = (sim: ReturnType<typeof createSimulator>, method: string, route: string, body?: unknown) =>
  sim.fetch(`http://sim.test/__admin/${route}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("the control API (admin: true)", () => {
  it("is absent unless enabled", async () => {
    expect((await admin(createSimulator(), "GET", "state")).status).toBe(404);
  });

  it("adds, lists and clears faults, refusing a bad fault with the reason", async () => {
    const sim = createSimulator({ admin: true });
    expect((await admin(sim, "POST", "faults", { kind: "status", status: 503, times: 2 })).status).toBe(201);
    expect(sim.faults.list()).toEqual([expect.objectContaining({ kind: "status", remaining: 2 })]);
    const bad = await admin(sim, "POST", "faults", { kind: "meltdown" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("kind");
    expect((await admin(sim, "DELETE", "faults")).status).toBe(200);
    expect(sim.faults.list()).toEqual([]);
  });

  it("advances the clock and reads the state", async () => {
    const sim = createSimulator({ admin: true, clock: "manual" });
    const before = sim.clock.now();
    await admin(sim, "POST", "clock/advance", { ms: 5_000 });
    expect(sim.clock.now()).toBe(before + 5_000);
    sim.state.addSSHKey({ name: "k" });
    const { data } = await (await admin(sim, "GET", "state")).json();
    expect(data.ssh_keys.map((key: { name: string }) => key.name)).toEqual(["k"]);
  });

  it("sets and restores capacity", async () => {
    const sim = createSimulator({ admin: true, clock: "manual" });
    await admin(sim, "POST", "capacity", { instance_type_name: "gpu_1x_a10", region_name: "us-west-1", units: 7 });
    expect(sim.state.capacity("gpu_1x_a10", "us-west-1")).toBe(7);
    const unknown = await admin(sim, "POST", "capacity", {
      instance_type_name: "gpu_0x",
      region_name: "us-west-1",
      units: 1,
    });
    expect(unknown.status).toBe(400);
  });

  it("counts the API calls it answered, refused ones included, by status and operation", async () => {
    const sim = createSimulator({ admin: true, clock: "manual", rateLimit: true });
    const list = () => sim.fetch("http://sim.test/api/v1/instances", { headers: { authorization: "Bearer sim-key" } });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(429);
    await admin(sim, "GET", "state");
    const { data } = await (await admin(sim, "GET", "traffic")).json();
    expect(data).toEqual({ requests: 2, by_status: { "200": 1, "429": 1 }, by_operation: { listInstances: 2 } });
  });

  it("answers an unknown control route with 404", async () => {
    expect((await admin(createSimulator({ admin: true }), "POST", "reboot")).status).toBe(404);
  });
});
