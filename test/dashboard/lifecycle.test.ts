// The bookkeeping of this tab's launches and terminations (examples/worker/dashboard/lifecycle.ts),
// fed real instance lists from the simulator as its manual clock moves: a launch's row stays
// until its instance is listed, the instance is announced once when active (with the time since
// the click) or when it fails, a failed request drops its row, and a terminated instance is
// announced once when it leaves the list.
import { describe, expect, it } from "vitest";
import { Lifecycle } from "../../examples/worker/dashboard/lifecycle";
import { simulatedAccount } from "./simulated-account";

function launchRow(key: string, startedAt: number) {
  return { key, name: "job", typeName: "gpu_1x_a10", typeDescription: "1x A10", region: "us-west-1", startedAt };
}

async function account() {
  const { simulator, client } = simulatedAccount();
  simulator.state.addSSHKey({ name: "laptop" });
  simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 2);
  return { simulator, client };
}

describe("the lifecycle of this tab's launches", () => {
  it("keeps a launch's row until its instance is listed, then announces it once when active, with its boot time", async () => {
    const { simulator, client } = await account();
    const lifecycle = new Lifecycle();
    const clickedAt = simulator.clock.now();
    lifecycle.sent(launchRow("k1", clickedAt));
    expect(await client.instances.list().then((list) => lifecycle.observe(list))).toEqual([]);
    expect(lifecycle.pending.map((row) => row.key)).toEqual(["k1"]);

    const [id] = (
      await client.instances.launch({
        instance_type_name: "gpu_1x_a10",
        region_name: "us-west-1",
        ssh_key_names: ["laptop"],
      })
    ).instance_ids;
    lifecycle.answered("k1", id);
    expect(lifecycle.launchedAt(id as string)).toBe(clickedAt);
    expect(lifecycle.observe(await client.instances.list(), simulator.clock.now())).toEqual([]);
    expect(lifecycle.pending).toEqual([]);

    simulator.clock.advance(simulator.settings.bootMs);
    const list = await client.instances.list();
    const now = simulator.clock.now();
    expect(now - clickedAt).toBeGreaterThanOrEqual(simulator.settings.bootMs);
    expect(lifecycle.observe(list, now)).toEqual([
      { kind: "active", instance: expect.objectContaining({ id, status: "active" }), bootMs: now - clickedAt },
    ]);
    expect(lifecycle.launchedAt(id as string)).toBeUndefined();
    expect(lifecycle.observe(await client.instances.list())).toEqual([]);
  });

  it("drops the row of a launch that failed or was answered without an id", () => {
    const lifecycle = new Lifecycle();
    lifecycle.sent(launchRow("k1", 0));
    lifecycle.sent(launchRow("k2", 0));
    lifecycle.failed("k1");
    lifecycle.answered("k2", undefined);
    expect(lifecycle.pending).toEqual([]);
  });

  it("announces a terminated instance once, when it leaves the list", async () => {
    const { simulator, client } = await account();
    const instance = simulator.state.launchInstance({
      name: "old",
      instance_type_name: "gpu_1x_a10",
      region_name: "us-west-1",
      ssh_key_names: ["laptop"],
    });
    simulator.clock.advance(simulator.settings.bootMs);
    const lifecycle = new Lifecycle();
    const [terminating] = (await client.instances.terminate(instance.id)).terminated_instances;
    lifecycle.terminating(terminating ?? instance);
    expect(lifecycle.observe(await client.instances.list())).toEqual([]);
    for (let step = 0; step < 10 && (await client.instances.list()).length > 0; step += 1)
      simulator.clock.advance(simulator.settings.bootMs);
    expect(lifecycle.observe(await client.instances.list())).toEqual([{ kind: "terminated", label: "old" }]);
    expect(lifecycle.observe(await client.instances.list())).toEqual([]);
  });
});
