import { describe, expect, it } from "vitest";
import { CAPACITY_PERIOD_MS, createSimulator } from "../../src/testing/index";
import { harness } from "./helpers";

describe("catalog", () => {
  it("offers the realistic instance types with prices, specs, descriptions and architecture", async () => {
    const { client } = harness();
    const types = await client.instanceTypes.list();
    for (const name of [
      "gpu_1x_a10",
      "gpu_1x_a100_sxm4",
      "gpu_8x_a100_80gb_sxm4",
      "gpu_1x_h100_pcie",
      "gpu_8x_h100_sxm5",
      "gpu_1x_gh200",
      "gpu_8x_b200_sxm6",
      "cpu_4x_general",
    ]) {
      const type = types[name]?.instance_type;
      expect(type, name).toBeDefined();
      expect(type?.price_cents_per_hour).toBeGreaterThan(0);
      expect(type?.specs.vcpus).toBeGreaterThan(0);
      expect(type?.description).not.toBe("");
    }
    expect(types.gpu_1x_gh200?.instance_type.architecture).toBe("arm64");
    expect(types.gpu_8x_h100_sxm5?.instance_type.specs.gpus).toBe(8);
    expect(types.cpu_4x_general?.instance_type.specs.gpus).toBe(0);
  });

  it("has at least 6 regions, and images per region in several families and both architectures", async () => {
    const { client } = harness();
    const regions = await client.regions.list();
    expect(regions.length).toBeGreaterThanOrEqual(6);
    const images = await client.images.list();
    for (const region of regions) {
      const here = images.filter((image) => image.region.name === region.name);
      expect(new Set(here.map((image) => image.family)).size, region.name).toBeGreaterThanOrEqual(3);
      expect(new Set(here.map((image) => image.architecture))).toEqual(new Set(["x86_64", "arm64"]));
    }
  });

  it("is deterministic from the seed: same seed, same image ids and capacity; another seed differs", async () => {
    const snapshot = async (seed: number) => {
      const { client } = harness({ seed });
      return {
        images: (await client.images.list()).map((image) => image.id),
        types: await client.instanceTypes.list(),
      };
    };
    const [first, again, other] = [await snapshot(7), await snapshot(7), await snapshot(8)];
    expect(again).toEqual(first);
    expect(other.images).not.toEqual(first.images);
  });

  it("capacity changes over simulated time", async () => {
    const { sim, client } = harness({ seed: 3 });
    const capacityNow = async () =>
      Object.fromEntries(
        Object.entries(await client.instanceTypes.list()).map(([name, item]) => [
          name,
          item.regions_with_capacity_available.map((region) => region.name),
        ]),
      );
    const before = await capacityNow();
    const periods = [];
    for (let period = 0; period < 5; period++) {
      sim.clock.advance(CAPACITY_PERIOD_MS);
      periods.push(await capacityNow());
    }
    expect(periods.some((later) => JSON.stringify(later) !== JSON.stringify(before))).toBe(true);
  });

  it("a launch uses up capacity: the region drops out of regions_with_capacity_available", async () => {
    const { sim, client } = harness();
    sim.state.addSSHKey({ name: "k" });
    sim.state.setCapacity("gpu_1x_a10", "us-west-2", 1);
    const listed = async () =>
      (await client.instanceTypes.list()).gpu_1x_a10?.regions_with_capacity_available.map((region) => region.name);
    expect(await listed()).toContain("us-west-2");
    await client.instances.launch({ region_name: "us-west-2", instance_type_name: "gpu_1x_a10", ssh_key_names: ["k"] });
    expect(await listed()).not.toContain("us-west-2");
    expect(sim.state.capacity("gpu_1x_a10", "us-west-2")).toBe(0);
  });

  it("setCapacity names what is wrong with a bad type, region or count", () => {
    const sim = createSimulator();
    expect(() => sim.state.setCapacity("gpu_0x_none", "us-west-1", 1)).toThrow(/gpu_0x_none/);
    expect(() => sim.state.setCapacity("gpu_1x_a10", "moon-1", 1)).toThrow(/moon-1/);
    expect(() => sim.state.setCapacity("gpu_1x_a10", "us-west-1", -1)).toThrow(/whole number/);
  });
});
