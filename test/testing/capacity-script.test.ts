// Scripted capacity on the simulator's manual clock, seen through the real client.
import { describe, expect, it } from "vitest";
import type { InstanceLaunchRequest } from "../../src/index";
import { type CapacityScriptEntry, CapacityScriptError, createSimulator } from "../../src/testing/index";
import { harness } from "./helpers";

const H100 = { types: ["gpu_1x_h100_pcie"], regions: ["us-west-1"] };

describe("scripted capacity", () => {
  it("applies each entry at its time on the manual clock, and not before", async () => {
    const { client, sim } = harness({
      capacity: [
        // Out of order on purpose: entries apply by `at`.
        { at: 120_000, type: "gpu_1x_h100_pcie", region: "us-west-1", units: 0 },
        { at: 0, type: "gpu_1x_h100_pcie", region: "us-west-1", units: 0 },
        { at: 60_000, type: "gpu_1x_h100_pcie", region: "us-west-1", units: 2 },
      ],
    });
    expect(await client.instanceTypes.availability(H100)).toEqual([]);
    sim.clock.advance(59_999);
    expect(await client.instanceTypes.availability(H100)).toEqual([]);
    sim.clock.advance(1);
    expect((await client.instanceTypes.availability(H100)).map((entry) => entry.type)).toEqual(["gpu_1x_h100_pcie"]);
    expect(sim.state.capacity("gpu_1x_h100_pcie", "us-west-1")).toBe(2);
    sim.clock.advance(60_000);
    expect(await client.instanceTypes.availability(H100)).toEqual([]);
  });

  it("counts running instances against scripted units, and launches succeed once capacity appears", async () => {
    const { client, sim } = harness({
      capacity: [
        { at: 0, type: "gpu_1x_a10", region: "us-west-1", units: 0 },
        { at: 30_000, type: "gpu_1x_a10", region: "us-west-1", units: 1 },
      ],
    });
    sim.state.addSSHKey({ name: "laptop" });
    const request: InstanceLaunchRequest = {
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a10",
      ssh_key_names: ["laptop"],
    };
    await expect(client.instances.launch(request)).rejects.toMatchObject({
      code: "instance-operations/launch/insufficient-capacity",
    });
    sim.clock.advance(30_000);
    await client.instances.launch(request);
    expect(sim.state.capacity("gpu_1x_a10", "us-west-1")).toBe(0);
  });

  it("lets setCapacity override an entry already due, until the next entry for that pair", async () => {
    const { sim } = harness({
      capacity: [
        { at: 10_000, type: "gpu_1x_a10", region: "us-east-1", units: 4 },
        { at: 20_000, type: "gpu_1x_a10", region: "us-east-1", units: 1 },
      ],
    });
    sim.clock.advance(15_000);
    // The entry at 10 s is due but nothing has read capacity since: setCapacity still wins.
    sim.state.setCapacity("gpu_1x_a10", "us-east-1", 7);
    expect(sim.state.capacity("gpu_1x_a10", "us-east-1")).toBe(7);
    sim.clock.advance(5_000);
    expect(sim.state.capacity("gpu_1x_a10", "us-east-1")).toBe(1);
  });

  it("refuses a bad script, naming every bad entry and field", () => {
    const bad = [
      { at: 0, type: "gpu_1x_a10", region: "us-west-1", units: 1 },
      { at: -1, type: "gpu_1x_a10", region: "us-nowhere-1", units: 1.5 },
      { at: 0, type: "gpu_9x_nothing", region: "us-west-1", units: 1, when: 3 },
      "soon",
    ] as unknown as CapacityScriptEntry[];
    const error = (() => {
      try {
        createSimulator({ capacity: bad });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CapacityScriptError);
    expect((error as CapacityScriptError).problems.map((problem) => problem.path)).toEqual([
      "capacity[1].at",
      "capacity[1].region",
      "capacity[1].units",
      "capacity[2].when",
      "capacity[2].type",
      "capacity[3]",
    ]);
    expect((error as Error).message).toContain(
      'capacity[2].type: "gpu_9x_nothing" is not an instance type of the simulator',
    );
    expect(() => createSimulator({ capacity: {} as never })).toThrow(/capacity: must be a list/);
  });
});
